using Slipway.Components.Dotnet;
namespace Slipway.Components.Dockerfiles;

/// <summary>Parses a Dockerfile, runs the rules on it and drops the findings a <c># slipway-ignore</c> comment suppresses.</summary>
internal sealed class DockerfileLinter(IReadOnlyList<IDockerfileRule> rules)
{
    /// <summary>A linter with every rule.</summary>
    public DockerfileLinter()
        : this([
            new BaseImagePinningRule(), new FinalStageRule(), new RestoreOrderRule(), new DockerIgnoreRule(),
            new RuntimeUserRule(), new HealthcheckRule(), new ExecFormRule(), new SecretsRule(), new CopiedCredentialsRule(),
            new AptGetRule(), new WorkdirRule(), new AddInsteadOfCopyRule(), new EmulatedRunRule(),
            new RestoredProjectsRule(), new MissingCopySourceRule(), new SdkVersionRule(), new EntrypointAssemblyRule(), new CrossBuildRule(),
        ])
    {
    }

    /// <summary>The findings for a Dockerfile, ordered by file and line.</summary>
    /// <param name="dockerfileText">The Dockerfile's content.</param>
    /// <param name="dockerIgnore">The build context's ignore file, or null when there is none.</param>
    /// <param name="buildArguments">Build argument values (like <c>--build-arg</c>) that override <c>ARG</c> defaults.</param>
    /// <param name="buildContext">The files of the build context, for the rules that look into what is copied; null to lint the text alone.</param>
    /// <param name="platforms">The platforms the image is built for (<c>linux/amd64</c>, <c>linux/arm64</c>); null or empty when not known or single-platform.</param>
    /// <param name="globalJson">The SDK the build's <c>global.json</c> asks for; null when there is none.</param>
    /// <param name="builderPlatform">The build machine's platform (<c>linux/amd64</c>); null when not known.</param>
    public IReadOnlyList<LintFinding> Lint(
        string dockerfileText,
        DockerIgnore? dockerIgnore,
        IReadOnlyDictionary<string, string>? buildArguments = null,
        BuildContext? buildContext = null,
        IReadOnlyList<string>? platforms = null,
        GlobalJson? globalJson = null,
        string? builderPlatform = null)
    {
        var dockerfile = DockerfileParser.Parse(dockerfileText, buildArguments);
        var input = new LintInput(dockerfile, dockerIgnore, buildContext) { Platforms = platforms ?? [], GlobalJson = globalJson, BuilderPlatform = builderPlatform };
        var ignoredAt = dockerfile.Instructions.ToDictionary(i => i.Line, i => i.IgnoredIds);
        return dockerfile.Errors
            .Concat(rules.SelectMany(r => r.Check(input)))
            .Where(f => f.File is not null || !ignoredAt.TryGetValue(f.Line, out var ids) || !ids.Contains(f.Id))
            .Distinct()
            .OrderBy(f => f.File is not null)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
    }
}
