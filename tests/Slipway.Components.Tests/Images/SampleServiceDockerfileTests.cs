using Slipway.Components.Dockerfiles;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Images;

/// <summary>The fixture the image-build tests build is itself a Dockerfile Slipway's linter accepts.</summary>
public class SampleServiceDockerfileTests
{
    [Fact]
    public void Sample_service_Dockerfile_has_no_lint_finding()
    {
        var service = RepositoryPaths.SampleService;

        var findings = new DockerfileLinter().Lint((service / "Dockerfile").ReadAllText(), DockerIgnore.Parse((service / ".dockerignore").ReadAllText()));

        Assert.Empty(findings);
    }
}
