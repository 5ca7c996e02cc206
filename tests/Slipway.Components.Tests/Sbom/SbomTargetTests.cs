using Slipway.Components.Images;
using Slipway.Components.Sbom;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Execution;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Tests.Sbom;

/// <summary>A build with the SBOM component.</summary>
public sealed class SbomBuild : SlipwayBuild, ISbom;

/// <summary>
/// Sbom run by the engine in a repository that is a restored copy of the sample service, with RUNTIME_IMAGE recorded as
/// its built image (DockerBuild skipped): the tool installed on demand, the log line, the summary note.
/// </summary>
[Collection(SbomToolCollection.Name)]
public sealed class SbomTargetTests : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly TemporaryDirectory _temp = new("slipway-sbom-target");
    private readonly string? _dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");

    public SbomTargetTests()
    {
        // What .ci/run does with `export DOCKER_HOST=...`: the docker on PATH talks to the environment's daemon.
        if (_env.IsAvailable) Environment.SetEnvironmentVariable("DOCKER_HOST", _env.Values["DOCKER_HOST"]);
    }

    [SkippableFact]
    public async Task Sbom_installs_the_tool_writes_the_sbom_and_reports_its_counts_in_the_summary()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var root = await RepositoryAsync();

        var (code, output) = Run(root, "Sbom", "--skip", "--image", "sample-service");

        Assert.True(code == 0, output);
        Assert.Contains("dotnet tool install CycloneDX --version 6.3.1 --tool-path", output, StringComparison.Ordinal);
        Assert.Matches(@"SBOM: \d+ NuGet packages, \d+ OS packages → artifacts/sbom/sample-service\.cdx\.json", output);
        Assert.True((root / "artifacts" / "sbom" / "sample-service.cdx.json").FileExists());
        Assert.True(CycloneDxTool.IsInstalled(root / ".nuke" / "temp" / "tools" / "cyclonedx-6.3.1"));

        (code, output) = Run(root, "Sbom", "--skip", "--image", "sample-service", "--sbom-project", "SampleService.csproj");

        Assert.True(code == 0, output);
        Assert.Contains("Reusing CycloneDX 6.3.1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet tool install", output, StringComparison.Ordinal);
        Assert.Contains("chosen by --sbom-project", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sbom_depends_on_DockerBuild()
    {
        var (code, output) = Run(_temp.Path, "Sbom", "--plan");

        Assert.Equal(0, code);
        Assert.True(output.IndexOf("DockerBuild", StringComparison.Ordinal) is >= 0 and var build
            && output.IndexOf("Sbom", build, StringComparison.Ordinal) > build, output);
    }

    private async Task<AbsolutePath> RepositoryAsync()
    {
        var root = _temp.CopyIn(RepositoryPaths.SampleService, "repo");
        await Tool.Of("dotnet").WithArguments(["restore", root / "SampleService.csproj"]).WithWorkingDirectory(root)
            .WithEnvironment("DOTNET_NOLOGO", "1").WithOutputLogging(false).ExecuteAsync();
        var id = (await _env.Docker.Command("image", "inspect", "--format", "{{.Id}}", _env.RuntimeImage).ExecuteAsync()).StandardOutput.Trim();
        new ImageRecord { ImageId = id, LocalReference = _env.RuntimeImage, Image = "sample-service", Created = DateTimeOffset.UnixEpoch.AddYears(56) }
            .Write(root / "artifacts" / "image.json");
        return root;
    }

    private static (int Code, string Output) Run(AbsolutePath root, params string[] args)
    {
        var writer = new StringWriter();
        var code = Engine.Run<SbomBuild>(new EngineOptions(args) { RootDirectory = root, Environment = new Dictionary<string, string>(), Output = writer }, []);
        return (code, writer.ToString());
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", _dockerHost);
        _temp.Dispose();
    }
}
