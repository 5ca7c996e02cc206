using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>The source paths of <c>COPY</c> and <c>ADD</c> instructions (heredoc sources left out).</summary>
internal static partial class CopySources
{
    /// <summary>Every argument but the destination, in JSON or shell form.</summary>
    public static IReadOnlyList<string> Of(DockerfileInstruction instruction, char escape)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var words = instruction.JsonArguments ?? ShellWords.Split(instruction.Arguments, escape);
        return words.Count < 2 ? [] : words.Take(words.Count - 1).Where(w => !w.StartsWith("<<", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The last path segment of a source, trailing slashes removed: <c>src/App/App.csproj</c> → <c>App.csproj</c>.</summary>
    public static string FileName(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var trimmed = source.Replace('\\', '/').TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>True for a source <c>ADD</c> downloads instead of taking from the build context: <c>http(s)://…</c>, <c>git@…</c>.</summary>
    public static bool IsRemote(string source) => Remote().IsMatch(source);

    [GeneratedRegex(@"^([a-z][a-z0-9+.-]*://|git@)", RegexOptions.IgnoreCase)]
    private static partial Regex Remote();
}
