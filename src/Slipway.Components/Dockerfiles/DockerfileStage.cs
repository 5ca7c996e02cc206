namespace Slipway.Components.Dockerfiles;

/// <summary>A build stage: a <c>FROM</c> and the instructions up to the next one.</summary>
internal sealed class DockerfileStage
{
    /// <summary>The 0-based position of the stage.</summary>
    public required int Index { get; init; }

    /// <summary>The stage name from <c>FROM … AS name</c>, in lower case; null when unnamed.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>FROM</c> instruction.</summary>
    public required DockerfileInstruction From { get; init; }

    /// <summary>The base as written, e.g. <c>${RUNTIME_IMAGE}</c>.</summary>
    public required string BaseText { get; init; }

    /// <summary>The base with global <c>ARG</c>s substituted; null when a variable has no value.</summary>
    public string? Base { get; init; }

    /// <summary>
    /// The <c>--platform</c> value of the <c>FROM</c> as written, quotes removed (e.g. <c>$BUILDPLATFORM</c>,
    /// <c>${BUILDPLATFORM}</c>, <c>linux/amd64</c>); null when the <c>FROM</c> has none.
    /// </summary>
    public string? Platform { get; init; }

    /// <summary>
    /// <see cref="Platform"/> with global <c>ARG</c>s substituted and BuildKit's automatic platform arguments
    /// (<c>BUILDPLATFORM</c>, <c>BUILDOS</c>, <c>BUILDARCH</c>, <c>BUILDVARIANT</c> and the <c>TARGET…</c> ones) written as
    /// <c>$NAME</c>: <c>${BUILDPLATFORM}</c> and <c>"${BUILDPLATFORM:-}"</c> become <c>$BUILDPLATFORM</c>. Null when there
    /// is no platform or a variable in it has no value.
    /// </summary>
    public string? ResolvedPlatform { get; init; }

    /// <summary>The earlier stage this one builds on (<c>FROM build</c>), or null when it starts from an image.</summary>
    public DockerfileStage? ParentStage { get; init; }

    /// <summary>The instructions after the <c>FROM</c>.</summary>
    public required IReadOnlyList<DockerfileInstruction> Instructions { get; init; }

    /// <summary>True for <c>FROM scratch</c>.</summary>
    public bool IsScratch => ParentStage is null && string.Equals(Base, "scratch", StringComparison.OrdinalIgnoreCase);

    /// <summary>The stage that starts from an image (or <c>scratch</c>) at the root of this one's <see cref="ParentStage"/> chain; itself when it starts from an image.</summary>
    public DockerfileStage RootStage => ParentStage is { } parent ? parent.RootStage : this;

    /// <summary>The image this stage ultimately starts from, following <see cref="ParentStage"/>; null when unresolved.</summary>
    public string? RootImage => ParentStage is { } parent ? parent.RootImage : Base;

    /// <summary>How the stage is referred to in messages: its name or its index.</summary>
    public string DisplayName => Name ?? Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
