namespace Slipway.Components.Dockerfiles;

/// <summary>
/// In a multi-platform build (two or more target platforms, <see cref="LintInput.Platforms"/>) no step runs under QEMU
/// emulation: the build stages run on the build machine's platform (<c>FROM --platform=$BUILDPLATFORM sdk AS build</c>)
/// and cross-build, and the final stage only copies their output. Single-platform builds are not checked.
/// <list type="bullet">
/// <item><c>SW1070</c> warning: a <c>RUN</c> in the final stage, or in a stage the final stage builds on
/// (<c>FROM &lt;stage&gt;</c>, transitively), runs once per target platform, emulated on every target platform other than
/// the build machine's. Not when that chain starts from a stage pinned with <c>--platform</c> (to the build platform, a
/// fixed or an unknown platform), nor for a chain on <c>scratch</c>.</item>
/// <item><c>SW1071</c> warning: a stage the final image needs but is not part of (copied from with <c>COPY --from=</c>,
/// mounted with <c>RUN --mount=…,from=</c>) runs <c>RUN</c> steps without being pinned to the build platform: no
/// <c>--platform</c>, <c>--platform=$TARGETPLATFORM</c> (the default), or a fixed platform such as <c>linux/amd64</c>
/// (native only on a machine of that platform, emulated on any other). Reported once, on the <c>FROM</c> that takes the
/// <c>--platform</c>: a stage built <c>FROM</c> another stage has that stage's platform, as BuildKit ignores
/// <c>--platform</c> on <c>FROM &lt;stage&gt;</c>. Stages the final image does not need are not built and not checked.</item>
/// </list>
/// <c>--platform=$BUILDPLATFORM</c>, <c>${BUILDPLATFORM}</c>, <c>"$BUILDPLATFORM"</c>, <c>${BUILDPLATFORM:-…}</c> and
/// <c>$BUILDOS/$BUILDARCH</c> all pin to the build platform.
/// </summary>
internal sealed class EmulatedRunRule : IDockerfileRule
{
    private const string Emulated =
        "under QEMU emulation on every target platform other than the build machine's (typically 5-10x slower)";

    private const string DotnetArch =
        "pass -a $TARGETARCH (--arch) to dotnet restore/publish only where the RID matters, e.g. self-contained or with an apphost";

    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dockerfile = input.Dockerfile;
        if (!input.IsMultiPlatform || dockerfile.FinalStage is null) return [];
        var platforms = string.Join(", ", input.TargetPlatforms);
        var chain = StagePlatforms.FinalChain(dockerfile);
        return FinalImageRuns(chain, platforms).Concat(BuildStages(dockerfile, chain, platforms)).ToList();
    }

    /// <summary>SW1070: the <c>RUN</c>s of the final stage and of the stages it builds on.</summary>
    private static IEnumerable<LintFinding> FinalImageRuns(IReadOnlyList<DockerfileStage> chain, string platforms)
    {
        var final = chain[0];
        if (final.RootStage.IsScratch || StagePlatforms.Pin(final) is not (PlatformPin.None or PlatformPin.Target)) yield break;
        foreach (var stage in chain)
        {
            var where = stage == final
                ? $"the final stage '{stage.DisplayName}'"
                : $"stage '{stage.DisplayName}' (line {stage.From.Line}), which the final stage builds on";
            foreach (var run in stage.Instructions.Where(i => i.Is("RUN")))
                yield return new("SW1070", LintSeverity.Warning, run.Line,
                    $"the RUN on line {run.Line} is in {where}, so in this build for {platforms} it runs once per target platform, {Emulated}; " +
                    "move the work into a build stage 'FROM --platform=$BUILDPLATFORM <image> AS build' and COPY --from=build its result into the final stage");
        }
    }

    /// <summary>SW1071: the stages the final image copies from that run <c>RUN</c> steps on the target platform.</summary>
    private static IEnumerable<LintFinding> BuildStages(ParsedDockerfile dockerfile, IReadOnlyList<DockerfileStage> chain, string platforms)
    {
        var inChain = chain.ToHashSet();
        var running = StagePlatforms.Used(dockerfile)
            .Where(s => !inChain.Contains(s) && !s.RootStage.IsScratch && s.Instructions.Any(i => i.Is("RUN")))
            .OrderBy(s => s.Index)
            .ToList();

        foreach (var stage in running.Where(s => inChain.Contains(s.RootStage)))
        {
            if (StagePlatforms.Pin(stage) is not (PlatformPin.None or PlatformPin.Target)) continue;
            yield return new("SW1071", LintSeverity.Warning, stage.From.Line,
                $"stage '{stage.DisplayName}' (line {stage.From.Line}) builds on stage '{stage.RootStage.DisplayName}', which is part of the final image and so has the target platform: " +
                $"in this build for {platforms} its RUN steps run once per target platform, {Emulated}; " +
                $"start it from the image instead, 'FROM --platform=$BUILDPLATFORM {stage.RootStage.BaseText} AS {stage.DisplayName}', and {DotnetArch}");
        }

        foreach (var group in running.Where(s => !inChain.Contains(s.RootStage)).GroupBy(s => s.RootStage).OrderBy(g => g.Key.Index))
        {
            var root = group.Key;
            var pin = StagePlatforms.Pin(root);
            if (pin is not (PlatformPin.None or PlatformPin.Target or PlatformPin.Fixed)) continue;
            var names = group.Select(s => $"'{s.DisplayName}'").ToList();
            var steps = names.Count == 1 && group.First() == root
                ? "its RUN steps"
                : $"the RUN steps of stage{(names.Count == 1 ? "" : "s")} {string.Join(", ", names)}";
            var fix = $"write 'FROM --platform=$BUILDPLATFORM {root.BaseText} AS {root.DisplayName}', cross-build, COPY --from the output, and {DotnetArch}";
            var head = $"stage '{root.DisplayName}' (line {root.From.Line})";
            yield return new("SW1071", LintSeverity.Warning, root.From.Line, pin == PlatformPin.Fixed
                ? $"{head} is pinned to {root.ResolvedPlatform}: {steps} run natively only on a {root.ResolvedPlatform} build machine and under QEMU emulation on any other, and every target platform of this build ({platforms}) gets that platform's output; {fix}"
                : $"{head} is not pinned to the build machine's platform{(pin == PlatformPin.Target ? " ('--platform=$TARGETPLATFORM' is the default)" : "")}, so in this build for {platforms} {steps} run once per target platform, {Emulated}; {fix}");
        }
    }
}
