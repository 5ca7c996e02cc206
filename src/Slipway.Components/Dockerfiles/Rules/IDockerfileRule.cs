using Slipway.Components.Dotnet;
namespace Slipway.Components.Dockerfiles;

/// <summary>What a rule checks.</summary>
/// <param name="Dockerfile">The parsed Dockerfile.</param>
/// <param name="DockerIgnore">The ignore file of its build context; null when there is none.</param>
/// <param name="BuildContext">The files of the build context; null when only the Dockerfile's text is linted.</param>
internal sealed record LintInput(ParsedDockerfile Dockerfile, DockerIgnore? DockerIgnore, BuildContext? BuildContext = null)
{
    /// <summary>
    /// The platforms the image is built for, e.g. <c>linux/amd64</c> and <c>linux/arm64</c>; empty when not known or
    /// a single-platform build. An entry may hold several, comma-separated (<c>linux/amd64,linux/arm64</c>).
    /// </summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>
    /// The build machine's platform, e.g. <c>linux/amd64</c>: where a stage pinned to <c>$BUILDPLATFORM</c> runs natively;
    /// null when not known.
    /// </summary>
    public string? BuilderPlatform { get; init; }

    /// <summary>The SDK the build's <c>global.json</c> asks for; null when there is none or it sets no version.</summary>
    public GlobalJson? GlobalJson { get; init; }

    /// <summary>The distinct target platforms, trimmed and compared without case, in the order given.</summary>
    public IReadOnlyList<string> TargetPlatforms =>
        Platforms.SelectMany(p => p.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>True when the image is built for two or more distinct platforms.</summary>
    public bool IsMultiPlatform => TargetPlatforms.Count >= 2;
}

/// <summary>One check, or a group of closely related checks, each finding with a stable id.</summary>
internal interface IDockerfileRule
{
    /// <summary>The findings of this rule; empty when the Dockerfile complies.</summary>
    IEnumerable<LintFinding> Check(LintInput input);
}
