using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A <c>RUN</c> that installs with <c>apt-get install</c>, <c>apt install</c> or <c>aptitude install</c> keeps the layer
/// small. Options before the verb are understood (<c>apt-get -y -o APT::Install-Recommends=false install</c>,
/// <c>--option x=y</c>, <c>-qq</c>).
/// <list type="bullet">
/// <item><c>DL3015</c> warning (hadolint DL3015): <c>--no-install-recommends</c> (or <c>APT::Install-Recommends=false</c>;
/// for aptitude also <c>-R</c>/<c>--without-recommends</c>) is missing.</item>
/// <item><c>DL3009</c> warning (hadolint DL3009): the same <c>RUN</c> does not <c>rm -rf /var/lib/apt/lists/*</c>, and its
/// BuildKit cache (or tmpfs) mounts do not keep the lists out of the layer: one on <c>/var/lib/apt/lists</c> does, one on
/// <c>/var/lib/apt</c> does only together with one on <c>/var/cache/apt</c> (as hadolint decides). Reported in the final
/// stage and in stages another stage is built <c>FROM</c>; a stage that is only copied from leaves its lists behind.</item>
/// </list>
/// </summary>
internal sealed partial class AptGetRule : IDockerfileRule
{
    private const string Lists = "/var/lib/apt/lists";

    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        var stages = input.Dockerfile.Stages;
        foreach (var stage in stages)
        {
            var inImage = ReferenceEquals(stage, input.Dockerfile.FinalStage) || stages.Any(s => ReferenceEquals(s.ParentStage, stage));
            foreach (var finding in Check(stage, inImage)) yield return finding;
        }
    }

    private static IEnumerable<LintFinding> Check(DockerfileStage stage, bool inImage)
    {
        foreach (var run in stage.Instructions.Where(i => i.Is("RUN")))
        {
            var text = run.JsonArguments is { } json ? string.Join(' ', json) : run.ShellText;
            if (AptInstall().Match(text) is not { Success: true } install) continue;
            var tool = install.Groups["tool"].Value;
            if (!NoRecommends().IsMatch(text) && !(tool == "aptitude" && AptitudeNoRecommends().IsMatch(text)))
                yield return new("DL3015", LintSeverity.Warning, run.Line,
                    $"{tool} install without --no-install-recommends pulls in packages you did not ask for; add --no-install-recommends" +
                    (tool == "aptitude" ? " (aptitude: --without-recommends)" : ""));
            if (inImage && !ListsKeptOut(run) && !ListsCleanup().IsMatch(text))
                yield return new("DL3009", LintSeverity.Warning, run.Line,
                    "the apt package lists stay in the layer; end the same RUN with '&& rm -rf /var/lib/apt/lists/*', or mount caches on both apt folders " +
                    "(--mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=cache,target=/var/cache/apt,sharing=locked)");
        }
    }

    /// <summary>True when the mounts keep the lists out: one on the lists folder, or ones on both <c>/var/lib/apt</c> and <c>/var/cache/apt</c>.</summary>
    private static bool ListsKeptOut(DockerfileInstruction run) =>
        CacheMounts.Targets(run, "tmpfs").Contains(Lists, StringComparer.Ordinal) ||
        (CacheMounts.Cover(run, "/var/lib/apt", "tmpfs") && CacheMounts.Cover(run, "/var/cache/apt", "tmpfs"));

    // Options before the verb: -o/--option and -c/--config-file/-t/--target-release take a value word; others are single words.
    [GeneratedRegex(@"\b(?<tool>apt-get|aptitude|apt)\s+(?:(?:-o|--option|-c|--config-file|-t|--target-release)\s+\S+\s+|-\S+\s+)*install\b")]
    private static partial Regex AptInstall();

    [GeneratedRegex(@"--no-install-recommends\b|Install-Recommends[=\s]+[""']?(false|0|no|off)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoRecommends();

    [GeneratedRegex(@"(^|\s)(--without-recommends|-R)(\s|$)")]
    private static partial Regex AptitudeNoRecommends();

    [GeneratedRegex(@"\brm\s+(-\S+\s+)*/var/lib/apt/lists(/\*|/|\b)")]
    private static partial Regex ListsCleanup();
}
