using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Components.Tests.Images;

/// <summary>These runs set the process's DOCKER_HOST (process-wide): they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerBuildEngineRunCollection
{
    public const string Name = "DockerBuild engine runs";
}

/// <summary>A build with the image build component, versioned as the versioning component would.</summary>
public sealed class SampleServiceBuild : SlipwayBuild, IDockerBuild
{
    Task<string?> IDockerBuild.ImageVersionAsync => Task.FromResult<string?>("1.2.3");
}

/// <summary>DockerBuild run by the engine on a copy of the sample service: parameters, summary and artifacts/image.json.</summary>
[Collection(DockerBuildEngineRunCollection.Name)]
public sealed class DockerBuildTargetTests : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly TemporaryDirectory _temp = new("slipway-docker-build");
    private readonly string _image = $"slipway-et-{Guid.NewGuid():N}"[..20];
    private readonly string? _dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");

    public DockerBuildTargetTests()
    {
        // What .ci/run does with `export DOCKER_HOST=...`: the docker on PATH talks to the environment's daemon.
        if (_env.IsAvailable) Environment.SetEnvironmentVariable("DOCKER_HOST", _env.Values["DOCKER_HOST"]);
    }

    [SkippableFact]
    public void DockerBuild_loads_the_image_records_it_and_reports_the_cache_in_the_summary()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var root = _temp.CopyIn(RepositoryPaths.SampleService, "repo");
        var writer = new StringWriter();

        var code = Engine.Run<SampleServiceBuild>(
            new EngineOptions(["DockerBuild", "--image", _image, "--sdk-image", _env.SdkImage, "--runtime-image", _env.RuntimeImage, "--licenses", "MIT"])
            {
                RootDirectory = root,
                Environment = new Dictionary<string, string>(),
                Output = writer,
            },
            []);

        var output = writer.ToString();
        Assert.True(code == 0, output);
        Assert.Matches(@"restore layer: (cached|rebuilt), \d of 7 steps cached", output);
        var record = ImageRecord.Read(root / "artifacts" / "image.json")!;
        Assert.StartsWith($"{_image}:build-", record.LocalReference, StringComparison.Ordinal);
        _references.Add(record.LocalReference!);
        Assert.Equal("1.2.3", record.Version);
        Assert.Equal(7, record.TotalSteps);
        var inspect = _env.Docker.Command("image", "inspect", "--format",
            "{{.Id}} {{index .Config.Labels \"org.opencontainers.image.version\"}} {{index .Config.Labels \"org.opencontainers.image.licenses\"}}",
            record.LocalReference!).Execute();
        Assert.Equal($"{record.ImageId} 1.2.3 MIT", inspect.StandardOutput.Trim());
        Assert.True((root / ".nuke" / "temp" / "buildx-cache" / "index.json").FileExists());
    }

    [SkippableFact]
    public void DockerBuild_builds_each_image_with_its_own_record_cache_and_summary_row()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var root = _temp.CopyIn(RepositoryPaths.SampleService, "two");
        var (api, worker) = (_image + "-api", _image + "-worker");
        // As the template's .dockerignore does: the build's own outputs are not in the context, so one image's build leaves the other's as it was.
        File.AppendAllText(root / ".dockerignore", ".nuke\nartifacts\n");
        (root / ".nuke").CreateDirectory();
        (root / ".nuke" / "parameters.json").WriteAllText($$"""
            { "ImageDefinitions": [
              { "Name": "{{api}}", "Dockerfile": "Dockerfile", "Context": "." },
              { "Name": "{{worker}}", "Dockerfile": "Dockerfile", "Context": "." } ] }
            """);
        var writer = new StringWriter();

        var code = Engine.Run<SampleServiceBuild>(
            new EngineOptions(["DockerBuild", "--sdk-image", _env.SdkImage, "--runtime-image", _env.RuntimeImage])
            {
                RootDirectory = root,
                Environment = new Dictionary<string, string>(),
                Output = writer,
            },
            []);

        var output = writer.ToString();
        Assert.True(code == 0, output);
        var records = new[] { api, worker }.Select(name => (name, ImageRecord.Read(root / "artifacts" / "images" / name / "image.json")!)).ToList();
        foreach (var (name, record) in records)
        {
            Assert.StartsWith($"{name}:build-", record.LocalReference, StringComparison.Ordinal);
            _references.Add(record.LocalReference!);
            Assert.Equal(name, record.Image);
            Assert.Matches($@"{name}: restore layer: (cached|rebuilt), \d of 7 steps cached", output);
            Assert.True((root / ".nuke" / "temp" / name / "buildx-cache" / "index.json").FileExists(), $"{name} has a cache of its own");
        }
        // The second image is the first's source: its build is fully cached.
        Assert.True(output.Contains($"{worker}: restore layer: cached, 7 of 7 steps cached", StringComparison.Ordinal), string.Join("\n", output.Split("\n").Where(l => l.Contains("steps cached", StringComparison.Ordinal))));
        Assert.False((root / "artifacts" / "image.json").FileExists(), "no root record in a repository of two images");
    }

    private string BuildIn(AbsolutePath root, Dictionary<string, string> environment)
    {
        var writer = new StringWriter();
        var code = Engine.Run<SampleServiceBuild>(
            new EngineOptions(["DockerBuild", "--image", _image, "--sdk-image", _env.SdkImage, "--runtime-image", _env.RuntimeImage])
            {
                RootDirectory = root,
                Environment = environment,
                Output = writer,
            },
            []);
        Assert.True(code == 0, writer.ToString());
        var name = ImageRecord.Read(root / "artifacts" / "image.json")!.LocalReference!;
        _references.Add(name);
        return name;
    }

    private bool Exists(string name) => _env.Docker.TryAsync(CancellationToken.None, "image", "inspect", name).GetAwaiter().GetResult().ExitCode == 0;

    [SkippableFact]
    public async Task Each_build_removes_the_previous_builds_name_once_its_own_is_loaded_locally_in_the_background_and_on_CI_before_the_run_ends()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var root = _temp.CopyIn(RepositoryPaths.SampleService, "retire");
        var list = root / ".nuke" / "temp" / "retired-images";
        var local = new Dictionary<string, string>();
        var ci = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["PATH"] = Environment.GetEnvironmentVariable("PATH")! };

        var first = BuildIn(root, local);
        var second = BuildIn(root, local);
        await Eventually(() => !Exists(first) && !list.FileExists());
        Assert.True(Exists(second));

        // A run that ended before its removal was done leaves the name listed: the next build removes it too, and on
        // CI the run waits for the removal.
        var leftOver = $"{_image}:build-0123456789ab";
        _env.Docker.Command("tag", second, leftOver).Execute();
        _references.Add(leftOver);
        File.AppendAllLines(list, [leftOver]);
        var third = BuildIn(root, ci);

        Assert.False(Exists(second));
        Assert.False(Exists(leftOver));
        Assert.False(list.FileExists());
        Assert.True(Exists(third));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not done within 60 s");
            await Task.Delay(200);
        }
    }

    [Fact]
    public void Missing_Dockerfile_fails_naming_the_option()
    {
        var root = (_temp.Path / "empty").CreateDirectory();
        var writer = new StringWriter();

        var code = Engine.Run<SampleServiceBuild>(
            new EngineOptions(["DockerBuild"]) { RootDirectory = root, Environment = new Dictionary<string, string>(), Output = writer }, []);

        Assert.NotEqual(0, code);
        Assert.Contains("--dockerfile", writer.ToString(), StringComparison.Ordinal);
    }

    private readonly List<string> _references = [];

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", _dockerHost);
        if (_env.IsAvailable)
        {
            foreach (var reference in _references) _env.Docker.TryAsync(CancellationToken.None, "image", "rm", "--force", reference).GetAwaiter().GetResult();
        }
        _temp.Dispose();
    }
}
