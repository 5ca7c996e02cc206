using System.Text.Json;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// Issue 24, the images of a repository found at run time: a repository made with the dotnet CLI whose only image is
/// Visual Studio's layout (<c>src/Contoso.Api/Dockerfile</c>, built with the solution folder as its context) publishes
/// that image under the project's name once <c>dotnet new slipway-build</c> has added the build.
/// </summary>
public sealed class VisualStudioImageTests
{
    [SkippableFact]
    public void A_project_dockerfile_publishes_as_the_project_image_built_from_the_solution_folder_with_version_tags_and_no_latest()
    {
        Expect.Docker();
        var pack = TemplatePack.Shared;
        var docker = DockerEnvironment.Current;
        var repository = ExistingRepository.Create(pack.Workspace / "contoso-vs", centralPackages: false);
        VisualStudioDockerfile.Write(repository, "Contoso.Api", web: true);
        pack.New(repository, "slipway-build", "--ci", "github");
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "Docker support as Visual Studio adds it, and Slipway's build");
        Commands.Git(repository, "tag", "v1.2.3");
        var registry = $"{docker.Registry}/e2e-vs-{Guid.NewGuid().ToString("N")[..8]}";

        var help = Commands.Run(repository / "build.sh", ["--help"], repository, pack.BuildEnvironment());
        var publish = Commands.Run(repository / "build.sh", ["Publish", "--registry", registry], repository, pack.BuildEnvironment());

        Expect.Succeeded(help);
        Assert.Contains("contoso-api: src/Contoso.Api/Dockerfile, context ., project src/Contoso.Api/Contoso.Api.csproj", Commands.Text(help), StringComparison.Ordinal);
        Expect.Succeeded(publish);
        var tags = RegistryProbe.VersionTags($"{registry[(docker.Registry.Length + 1)..]}/contoso-api");
        Assert.Superset(new HashSet<string>(["1.2.3", "1.2", "1"], StringComparer.Ordinal), tags.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain("latest", tags);
        using var record = JsonDocument.Parse(File.ReadAllText(repository / "artifacts" / "images" / "contoso-api" / "image.json"));
        Assert.Equal($"{registry}/contoso-api", record.RootElement.GetProperty("repository").GetString());
        Assert.False(File.Exists(repository / "artifacts" / "image.json"), "the project's image keeps its own record");
        // The adopted build names no platform, here or in its CI file: the image is built for the machine it runs on, so a
        // build stage without --platform=$BUILDPLATFORM is never emulated. One platform: no index, no platform list.
        Assert.False(record.RootElement.TryGetProperty("platforms", out _), "a one-platform build");
        Assert.DoesNotContain("Platforms", File.ReadAllText(repository / ".nuke" / "parameters.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("--platforms", File.ReadAllText(repository / ".github" / "workflows" / "publish.yml"), StringComparison.Ordinal);
    }
}
