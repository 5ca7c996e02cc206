using System.Runtime.InteropServices;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1120</c>: a .NET build stage (one that runs <c>dotnet restore</c>, <c>build</c> or <c>publish</c>, and that the
/// final image needs without being part of it) is not pinned to the build machine's platform: no <c>--platform</c> or
/// <c>--platform=$TARGETPLATFORM</c> on the <c>FROM</c> of its root stage, as in Visual Studio's "Add Docker Support"
/// Dockerfiles. Built for another platform, the SDK then runs under QEMU emulation: slow, and some steps fail. The finding
/// shows the cross-build: <c>FROM --platform=$BUILDPLATFORM &lt;sdk&gt; AS build</c>, <c>ARG TARGETARCH</c>,
/// <c>dotnet publish -a $TARGETARCH</c>. An error when the build's platforms (<see cref="LintInput.Platforms"/>) include one
/// that is not the build machine's (two or more platforms always do); a warning when only the build machine's platform
/// is built, or none is named. Reported once per root stage, on its <c>FROM</c>.
/// </summary>
internal sealed class CrossBuildRule : IDockerfileRule
{
    private static readonly string[] BuildVerbs = ["restore", "build", "publish"];

    /// <summary>The platform of the machine the lint runs on, e.g. <c>linux/arm64</c>: the builder's when the Docker engine is local.</summary>
    public static string ThisMachine => RuntimeInformation.OSArchitecture switch
    {
        Architecture.Arm64 => "linux/arm64",
        Architecture.Arm => "linux/arm/v7",
        _ => "linux/amd64",
    };

    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dockerfile = input.Dockerfile;
        var foreign = ForeignPlatforms(input);
        return UnpinnedBuildStages(input.Dockerfile).OrderBy(root => root.Index).Select(root => Finding(root, foreign)).ToList();
    }

    /// <summary>
    /// The root stages this rule reports: each runs, or has a stage built on it that runs, <c>dotnet restore/build/publish</c>
    /// for the final image without being part of it, and is not pinned (no <c>--platform</c>, or <c>$TARGETPLATFORM</c>).
    /// </summary>
    public static IReadOnlySet<DockerfileStage> UnpinnedBuildStages(ParsedDockerfile dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        if (dockerfile.FinalStage is null) return new HashSet<DockerfileStage>();
        var image = StagePlatforms.FinalChain(dockerfile).ToHashSet();
        return StagePlatforms.Used(dockerfile)
            .Where(stage => !image.Contains(stage.RootStage) && RunsDotnetBuild(dockerfile, stage))
            .Select(stage => stage.RootStage)
            .Where(root => StagePlatforms.Pin(root) is PlatformPin.None or PlatformPin.Target)
            .ToHashSet();
    }

    private static LintFinding Finding(DockerfileStage root, IReadOnlyList<string> foreign)
    {
        var head = $"stage '{root.DisplayName}' runs the .NET SDK on the target platform (its FROM has no --platform=$BUILDPLATFORM)";
        var fix = $"cross-build instead: 'FROM --platform=$BUILDPLATFORM {root.BaseText} AS {root.DisplayName}', 'ARG TARGETARCH' in that stage, " +
            "and 'dotnet publish -a $TARGETARCH' (a framework-dependent publish with -p:UseAppHost=false is the same on every platform and needs no -a)";
        return foreign.Count > 0
            ? new("SW1120", LintSeverity.Error, root.From.Line,
                $"{head}, so this build for {string.Join(", ", foreign)} runs the SDK under QEMU emulation, slow or failing; {fix}")
            : new("SW1120", LintSeverity.Warning, root.From.Line,
                $"{head}: built for another platform (--platforms), the SDK would run under QEMU emulation, slow or failing; {fix}");
    }

    /// <summary>The target platforms that are not the build machine's: all but one of two or more, or the one named if it is another.</summary>
    private static IReadOnlyList<string> ForeignPlatforms(LintInput input)
    {
        var builder = input.BuilderPlatform;
        var targets = input.TargetPlatforms;
        if (builder is null) return targets.Count >= 2 ? targets : [];
        return targets.Where(p => !string.Equals(p, builder, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static bool RunsDotnetBuild(ParsedDockerfile dockerfile, DockerfileStage stage) =>
        stage.Instructions.Where(i => i.Is("RUN"))
            .Any(run => DotnetCommands.In(dockerfile, stage, run).Any(c => BuildVerbs.Contains(c.Verb, StringComparer.Ordinal)));
}
