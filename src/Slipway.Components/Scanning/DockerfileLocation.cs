using System.Text.RegularExpressions;
using Slipway.IO;

namespace Slipway.Components.Scanning;

/// <summary>Where in the Dockerfile image findings are reported: the final stage's <c>FROM</c>, which brings in the OS packages.</summary>
internal static partial class DockerfileLocation
{
    /// <summary>The 1-based line of the last <c>FROM</c>, or 1 when the file is missing or has none.</summary>
    public static int FinalFromLine(AbsolutePath dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        if (!dockerfile.FileExists()) return 1;
        var lines = dockerfile.ReadAllText().Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (FromInstruction().IsMatch(lines[i])) return i + 1;
        }
        return 1;
    }

    [GeneratedRegex(@"^\s*FROM\s", RegexOptions.IgnoreCase)]
    private static partial Regex FromInstruction();
}
