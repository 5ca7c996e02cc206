using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Sbom;

/// <summary>A <c>dotnet publish</c> command of a Dockerfile's <c>RUN</c>: the project path it names (as written) and where.</summary>
/// <param name="Path">The project or directory argument as written, e.g. <c>src/Acme.Orders/Acme.Orders.csproj</c>; <c>.</c> when none is given.</param>
/// <param name="Line">The 1-based line of the <c>RUN</c>.</param>
/// <param name="Stage">The build stage the <c>RUN</c> belongs to.</param>
internal sealed record PublishCommand(string Path, int Line, DockerfileStage Stage)
{
    // The options of dotnet publish whose value is the next word (the "-p:Name=Value" forms are one word).
    private static readonly HashSet<string> s_optionsWithValue = new(StringComparer.Ordinal)
    {
        "-c", "--configuration", "-o", "--output", "-f", "--framework", "-r", "--runtime", "-a", "--arch", "--os",
        "-v", "--verbosity", "--version-suffix", "-s", "--source", "-p", "--property", "--manifest", "--artifacts-path",
        "--runtime-identifier",
    };

    // Options whose value is optional: consumed only when the next word is a boolean.
    private static readonly HashSet<string> s_optionsWithBoolean = new(StringComparer.Ordinal) { "--self-contained", "--sc" };

    private static readonly HashSet<string> s_separators = new(StringComparer.Ordinal) { "&&", "||", "|", ";", "&" };

    /// <summary>Every <c>dotnet publish</c> of the Dockerfile's <c>RUN</c> instructions, shell or exec form, in file order.</summary>
    public static IReadOnlyList<PublishCommand> Find(ParsedDockerfile dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var commands = new List<PublishCommand>();
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var run in stage.Instructions.Where(i => i.Is("RUN")))
            {
                var segments = run.JsonArguments is { } exec ? [exec] : Segments(run.ShellText, dockerfile.EscapeCharacter);
                foreach (var words in segments)
                {
                    if (ProjectArgument(words) is { } path) commands.Add(new PublishCommand(path, run.Line, stage));
                }
            }
        }
        return commands;
    }

    /// <summary>
    /// The project argument of a <c>dotnet publish</c> command's words (<c>.</c> when it names none), or null when the
    /// words are not <c>dotnet publish</c>.
    /// </summary>
    internal static string? ProjectArgument(IReadOnlyList<string> words)
    {
        // The command word comes first, after any NAME=value assignments and an exec/env/time prefix.
        var command = 0;
        while (command < words.Count && (IsAssignment(words[command]) || words[command] is "exec" or "env" or "time")) command++;
        if (command + 1 >= words.Count || !IsDotnet(words[command]) || words[command + 1] != "publish") return null;
        var start = command + 2;

        for (var i = start; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--") continue;
            if (word.StartsWith('-'))
            {
                if (s_optionsWithValue.Contains(word)) i++;
                else if (s_optionsWithBoolean.Contains(word) && i + 1 < words.Count && words[i + 1] is "true" or "false") i++;
                continue;
            }
            return word;
        }
        return ".";
    }

    private static bool IsAssignment(string word) => word.IndexOf('=', StringComparison.Ordinal) > 0 && !word.StartsWith('-');

    // "dotnet", "/usr/bin/dotnet", "dotnet.exe".
    private static bool IsDotnet(string word)
    {
        var name = word.Replace('\\', '/');
        return System.IO.Path.GetFileNameWithoutExtension(name[(name.LastIndexOf('/') + 1)..]) == "dotnet";
    }

    /// <summary>The simple commands of a shell text: lines (continuations joined), split at <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>;</c> and <c>&amp;</c>.</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> Segments(string shellText, char escape = '\\')
    {
        ArgumentNullException.ThrowIfNull(shellText);
        var joined = shellText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(escape + "\n", " ", StringComparison.Ordinal);
        var segments = new List<IReadOnlyList<string>>();
        foreach (var line in joined.Split('\n'))
        {
            var current = new List<string>();
            foreach (var word in ShellWords.Split(line, escape))
            {
                if (s_separators.Contains(word))
                {
                    segments.Add(current);
                    current = [];
                    continue;
                }
                var trailing = word.EndsWith(';') && word.Length > 1;
                current.Add(trailing ? word[..^1] : word);
                if (!trailing) continue;
                segments.Add(current);
                current = [];
            }
            segments.Add(current);
        }
        return [.. segments.Where(s => s.Count > 0)];
    }
}
