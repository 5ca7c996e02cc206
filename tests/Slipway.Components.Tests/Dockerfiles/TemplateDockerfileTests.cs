using Slipway.Components.Dockerfiles;
using Slipway.Components.Dotnet;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>The template's Dockerfile, linted with its own content folder as the build context, as a generated repository builds it.</summary>
public class TemplateDockerfileTests
{
    [Fact]
    public void The_template_dockerfile_has_no_finding_in_its_own_context()
    {
        var content = RepositoryPaths.Root / "src" / "Slipway.Templates" / "content" / "slipway";
        var ignore = DockerIgnore.Load(content / "Dockerfile", content);

        var findings = new DockerfileLinter().Lint(
            (content / "Dockerfile").ReadAllText(), ignore, buildContext: BuildContext.FromDirectory(content, ignore),
            platforms: ["linux/amd64", "linux/arm64"], globalJson: GlobalJson.Find(content, content));

        Assert.Empty(findings.Select(f => f.Format("Dockerfile")));
    }
}
