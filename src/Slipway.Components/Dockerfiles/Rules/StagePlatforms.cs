using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>What a stage's <c>FROM --platform</c> pins it to.</summary>
internal enum PlatformPin
{
    /// <summary>No <c>--platform</c>: the stage has the target platform, so its <c>RUN</c>s run once per target platform.</summary>
    None,

    /// <summary><c>--platform=$BUILDPLATFORM</c> (or <c>$BUILDOS/$BUILDARCH</c>): the stage runs natively on the build machine.</summary>
    Build,

    /// <summary><c>--platform=$TARGETPLATFORM</c>: the same as no flag.</summary>
    Target,

    /// <summary>A literal platform such as <c>linux/amd64</c>: native only on a build machine of that platform.</summary>
    Fixed,

    /// <summary>A variable without a known value, or one the linter does not interpret.</summary>
    Unknown,
}

/// <summary>
/// The platform model of a multi-platform (cross) build: which stages the final image needs, which form its
/// <c>FROM</c> chain, and what each stage's <c>--platform</c> pins it to. BuildKit applies <c>--platform</c> only where a
/// stage starts from an image; on <c>FROM &lt;stage&gt;</c> the flag is ignored (moby/buildkit#2946), so a stage has the
/// platform of its <see cref="DockerfileStage.RootStage"/>.
/// </summary>
internal static partial class StagePlatforms
{
    /// <summary>What the stage's platform is pinned to, decided by the <c>FROM</c> of its root stage.</summary>
    public static PlatformPin Pin(DockerfileStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var root = stage.RootStage;
        if (root.Platform is null) return PlatformPin.None;
        if (root.ResolvedPlatform is not { } platform) return PlatformPin.Unknown;
        platform = platform.Trim();
        if (BuildPlatform().IsMatch(platform)) return PlatformPin.Build;
        if (TargetPlatform().IsMatch(platform)) return PlatformPin.Target;
        return platform.Contains('$', StringComparison.Ordinal) ? PlatformPin.Unknown : PlatformPin.Fixed;
    }

    /// <summary>The final stage and the stages it builds on (<c>FROM &lt;stage&gt;</c>), final first; their layers are the image.</summary>
    public static IReadOnlyList<DockerfileStage> FinalChain(ParsedDockerfile dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var chain = new List<DockerfileStage>();
        for (var stage = dockerfile.FinalStage; stage is not null; stage = stage.ParentStage) chain.Add(stage);
        return chain;
    }

    /// <summary>
    /// The stages a build of the final stage runs: the final stage and, transitively, the stages it builds on, copies
    /// from (<c>COPY --from=</c>) or mounts (<c>RUN --mount=…,from=</c>). BuildKit skips every other stage.
    /// </summary>
    public static IReadOnlySet<DockerfileStage> Used(ParsedDockerfile dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var used = new HashSet<DockerfileStage>();
        var pending = new Stack<DockerfileStage>();
        if (dockerfile.FinalStage is { } final) pending.Push(final);
        while (pending.TryPop(out var stage))
        {
            if (!used.Add(stage)) continue;
            if (stage.ParentStage is { } parent) pending.Push(parent);
            foreach (var reference in StageReferences(stage))
                if (Resolve(dockerfile, stage, reference) is { } source) pending.Push(source);
        }
        return used;
    }

    /// <summary>The <c>--from</c> values of a stage's <c>COPY</c>s and the <c>from=</c> options of its <c>RUN --mount</c>s.</summary>
    private static IEnumerable<string> StageReferences(DockerfileStage stage)
    {
        foreach (var ins in stage.Instructions)
        {
            if ((ins.Is("COPY") || ins.Is("ADD")) && ins.Flag("from") is { Length: > 0 } from) yield return from;
            if (!ins.Is("RUN")) continue;
            foreach (var mount in ins.Flags.Where(f => string.Equals(f.Name, "mount", StringComparison.OrdinalIgnoreCase) && f.Value is not null))
                foreach (var option in mount.Value!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    if (option.StartsWith("from=", StringComparison.OrdinalIgnoreCase) && option.Length > 5)
                        yield return option[5..];
        }
    }

    /// <summary>The stage a <c>--from</c> value names (by name or index); null for an image.</summary>
    private static DockerfileStage? Resolve(ParsedDockerfile dockerfile, DockerfileStage from, string reference)
    {
        if (int.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            return index < dockerfile.Stages.Count && index != from.Index ? dockerfile.Stages[index] : null;
        return dockerfile.Stages.LastOrDefault(s => s != from && string.Equals(s.Name, reference, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^\$BUILD(PLATFORM|OS/\$BUILDARCH(/\$BUILDVARIANT)?)$")]
    private static partial Regex BuildPlatform();

    [GeneratedRegex(@"^\$TARGET(PLATFORM|OS/\$TARGETARCH(/\$TARGETVARIANT)?)$")]
    private static partial Regex TargetPlatform();
}
