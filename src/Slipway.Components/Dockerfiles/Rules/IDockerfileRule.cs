namespace Slipway.Components.Dockerfiles;

/// <summary>What a rule checks: the parsed Dockerfile and the ignore file of its build context (null when there is none).</summary>
internal sealed record LintInput(ParsedDockerfile Dockerfile, DockerIgnore? DockerIgnore);

/// <summary>One check, or a group of closely related checks, each finding with a stable id.</summary>
internal interface IDockerfileRule
{
    /// <summary>The findings of this rule; empty when the Dockerfile complies.</summary>
    IEnumerable<LintFinding> Check(LintInput input);
}
