using Slipway.Components.Dockerfiles;
using Slipway.Components.Tests.Infrastructure;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>The ignore files this repository ships, the template's and the sample service's, meet every requirement.</summary>
public class ShippedDockerIgnoreTests
{
    [Theory]
    [InlineData("src/Slipway.Templates/content/slipway/.dockerignore")]
    [InlineData("tests/infra/sample-service/.dockerignore")]
    public void Meets_every_requirement(string path) =>
        Assert.Empty(Run(new DockerIgnoreRule(), "FROM img\n", File.ReadAllText(Path.Combine(RepositoryPaths.Root, path))).Select(f => f.Message));
}
