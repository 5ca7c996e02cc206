using Slipway.Components.References;
using System.Text.Json;
using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Images;

/// <summary>
/// Builds tests/infra/sample-service for real, against the base images and registry of tests/infra/container-env.sh.
/// Each test builds its own copy under a unique image name, and removes its images afterwards.
/// </summary>
public sealed class ImageBuilderIntegrationTests : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly TemporaryDirectory _temp = new("slipway-image-build");
    private readonly string _image = $"slipway-it-{Guid.NewGuid():N}"[..20];
    private readonly List<string> _built = [];

    private ImageBuildRequest Request(AbsolutePath service, string? registry = null, string? branch = null, long? sourceDateEpoch = null) => new()
    {
        SourceDateEpoch = sourceDateEpoch,
        Dockerfile = service / "Dockerfile",
        ContextDirectory = service,
        Image = _image,
        CacheRepository = registry is null ? null : Slipway.Components.References.ImageRepository.Combine(registry, _image),
        Branch = branch,
        SdkImage = _env.SdkImage,
        RuntimeImage = _env.RuntimeImage,
        LocalCacheDirectory = _temp.Path / "buildx-cache",
        Labels = OciLabels.For(new ImageProvenance(_image, "1.2.3", "0123456789abcdef",
            sourceDateEpoch is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : DateTimeOffset.UtcNow, "https://example.invalid/sample", "MIT")),
    };

    private async Task<BuiltImage> BuildAsync(ImageBuildRequest request, bool noCache = false)
    {
        var built = await new ImageBuilder(_env.Docker).BuildAsync(request,
            c => noCache ? c.WithArguments([.. c.Arguments.SkipLast(1), "--no-cache", c.Arguments[^1]]) : c, _temp.Path / "buildx");
        _built.Add(built.LocalReference);
        return built;
    }

    private async Task<string> InspectAsync(string format, string reference) =>
        (await _env.Docker.Command("image", "inspect", "--format", format, reference).ExecuteAsync()).StandardOutput.Trim();

    [SkippableFact]
    public async Task Builds_the_sample_service_loads_it_labelled_and_records_its_id()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var service = _temp.CopyIn(RepositoryPaths.SampleService, "service");

        var built = await BuildAsync(Request(service));

        Assert.StartsWith("sha256:", built.ImageId, StringComparison.Ordinal);
        Assert.Matches($"^{_image}:build-[0-9a-f]{{12}}$", built.LocalReference);
        Assert.Equal(await InspectAsync("{{.Id}}", built.LocalReference), built.ImageId);
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(await InspectAsync("{{json .Config.Labels}}", built.LocalReference))!;
        Assert.Equal(_image, labels[OciLabels.Title]);
        Assert.Equal("1.2.3", labels[OciLabels.Version]);
        Assert.Equal("0123456789abcdef", labels[OciLabels.Revision]);
        Assert.Equal("https://example.invalid/sample", labels[OciLabels.Source]);
        Assert.Equal("MIT", labels[OciLabels.Licenses]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", labels[OciLabels.Created]);
        Assert.Equal("1654:1654", await InspectAsync("{{.Config.User}}", built.LocalReference));
        Assert.Equal(7, built.Steps.TotalCount);

        var recordFile = _temp.Path / "artifacts" / "image.json";
        ImageRecord.Built(built, _image, "1.2.3", "0123456789abcdef", "0123456789abcdef", [], DateTimeOffset.UtcNow).Write(recordFile);
        var record = ImageRecord.Read(recordFile)!;
        Assert.Equal(built.ImageId, record.ImageId);
        Assert.Equal(built.LocalReference, record.LocalReference);
        Assert.Equal(built.ConfigDigest, record.ConfigDigest);
        Assert.Equal(built.Steps.CachedCount, record.CachedSteps);

        // No registry: the local cache was exported and swapped into place; the tarball and metadata file are gone.
        Assert.True((_temp.Path / "buildx-cache" / "index.json").FileExists());
        Assert.False((_temp.Path / "buildx-cache-next").DirectoryExists());
        Assert.Empty(Directory.GetFiles(_temp.Path, "build-*"));
    }

    [SkippableFact]
    public async Task Two_cold_builds_of_one_source_in_two_checkouts_give_one_digest()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var first = _temp.CopyIn(RepositoryPaths.SampleService, "first");
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the second checkout's files are a second younger
        var second = _temp.CopyIn(RepositoryPaths.SampleService, "second");
        const long commitTime = 1_700_000_000;

        var a = await BuildAsync(Request(first, sourceDateEpoch: commitTime), noCache: true);
        var b = await BuildAsync(Request(second, sourceDateEpoch: commitTime), noCache: true);

        Assert.NotEqual(a.LocalReference, b.LocalReference);
        Assert.Equal(a.ImageId, b.ImageId);
        Assert.Equal(a.ConfigDigest, b.ConfigDigest);
        Assert.Equal("2023-11-14T22:13:20Z", await InspectAsync("{{.Created}}", a.LocalReference));
    }

    [SkippableFact]
    public async Task Restore_step_is_reported_cached_after_a_change_to_Program_cs_only()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var service = _temp.CopyIn(RepositoryPaths.SampleService, "service");
        using var cache = BuildCacheLock.Shared(); // no prune of the engine's cache between the two builds
        await BuildAsync(Request(service));

        File.AppendAllText(service / "Program.cs", $"\n// changed by a test {Guid.NewGuid()}\n");
        var rebuilt = await BuildAsync(Request(service));

        Assert.True(rebuilt.Steps.RestoreCached, rebuilt.Steps.Summary);
        Assert.DoesNotContain(rebuilt.Steps.Steps, s => s.Name.Contains("dotnet publish", StringComparison.Ordinal) && s.Cached);
        Assert.InRange(rebuilt.Steps.CachedCount, 1, rebuilt.Steps.TotalCount - 1);
        Assert.StartsWith("restore layer: cached, ", rebuilt.Steps.Summary, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Registry_cache_is_written_under_the_branch_cache_tag()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var service = _temp.CopyIn(RepositoryPaths.SampleService, "service");

        await BuildAsync(Request(service, registry: _env.Registry, branch: "feature/Cache-Test"));

        Assert.Contains("buildcache-feature-cache-test", await _env.RegistryTagsAsync(_image));
        Assert.False((_temp.Path / "buildx-cache").DirectoryExists());
    }

    [SkippableFact]
    public async Task Failed_build_names_the_failing_step_and_the_compiler_error()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var service = _temp.CopyIn(RepositoryPaths.SampleService, "service");
        File.AppendAllText(service / "Program.cs", "\nthis is not C#\n");

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => BuildAsync(Request(service)));

        Assert.Contains("RUN dotnet publish", error.Message, StringComparison.Ordinal);
        Assert.Contains("error CS", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Sample_service_runs_as_uid_1654_and_its_healthcheck_reports_healthy()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var service = _temp.CopyIn(RepositoryPaths.SampleService, "service");
        var built = await BuildAsync(Request(service));
        var container = $"{_image}-run";

        await _env.Docker.Command("run", "--detach", "--name", container, built.LocalReference).ExecuteAsync();
        try
        {
            var status = "";
            for (var i = 0; i < 60 && status is not ("healthy" or "unhealthy"); i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                status = (await _env.Docker.Command("inspect", "--format", "{{.State.Health.Status}}", container).ExecuteAsync()).StandardOutput.Trim();
            }

            Assert.Equal("healthy", status);
            Assert.Equal("1654", (await _env.Docker.Command("exec", container, "sh", "-c", "id -u").ExecuteAsync()).StandardOutput.Trim());
        }
        finally
        {
            await _env.Docker.TryAsync(CancellationToken.None, "rm", "--force", container);
        }
    }

    public void Dispose()
    {
        if (_env.IsAvailable)
        {
            foreach (var reference in _built) _env.Docker.TryAsync(CancellationToken.None, "image", "rm", "--force", reference).GetAwaiter().GetResult();
        }
        _temp.Dispose();
    }
}
