namespace Slipway.Components.Dockerfiles;

/// <summary>What a rule checks.</summary>
/// <param name="Dockerfile">The parsed Dockerfile.</param>
/// <param name="DockerIgnore">The ignore file of its build context; null when there is none.</param>
/// <param name="BuildContext">The files of the build context; null when only the Dockerfile's text is linted.</param>
internal sealed record LintInput(ParsedDockerfile Dockerfile, DockerIgnore? DockerIgnore, BuildContext? BuildContext = null);

/// <summary>One check, or a group of closely related checks, each finding with a stable id.</summary>
internal interface IDockerfileRule
{
    /// <summary>The findings of this rule; empty when the Dockerfile complies.</summary>
    IEnumerable<LintFinding> Check(LintInput input);
}
