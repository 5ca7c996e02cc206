using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A <c>RUN</c> that installs with <c>apt-get install</c> (or <c>apt install</c>) keeps the layer small.
/// <list type="bullet">
/// <item><c>DL3015</c> warning (hadolint DL3015): <c>--no-install-recommends</c> is missing.</item>
/// <item><c>DL3009</c> warning (hadolint DL3009): the same <c>RUN</c> does not <c>rm -rf /var/lib/apt/lists/*</c> (a cache mount on <c>/var/lib/apt/lists</c> also counts).</item>
/// </list>
/// </summary>
internal sealed partial class AptGetRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        foreach (var run in input.Dockerfile.Instructions.Where(i => i.Is("RUN")))
        {
            var text = run.JsonArguments is { } json ? string.Join(' ', json) : run.ShellText;
            if (!AptInstall().IsMatch(text)) continue;
            if (!text.Contains("--no-install-recommends", StringComparison.Ordinal) && !text.Contains("Install-Recommends=false", StringComparison.OrdinalIgnoreCase))
                yield return new("DL3015", LintSeverity.Warning, run.Line,
                    "apt-get install without --no-install-recommends pulls in packages you did not ask for; add --no-install-recommends");
            var cacheMount = run.Flags.Any(f => f.Name == "mount" && f.Value?.Contains("/var/lib/apt/lists", StringComparison.Ordinal) == true);
            if (!cacheMount && !ListsCleanup().IsMatch(text))
                yield return new("DL3009", LintSeverity.Warning, run.Line,
                    "the apt package lists stay in the layer; end the same RUN with '&& rm -rf /var/lib/apt/lists/*'");
        }
    }

    [GeneratedRegex(@"\bapt(-get)?\s+(-\S+\s+)*install\b")]
    private static partial Regex AptInstall();

    [GeneratedRegex(@"\brm\s+(-\S+\s+)*/var/lib/apt/lists(/\*|/|\b)")]
    private static partial Regex ListsCleanup();
}
