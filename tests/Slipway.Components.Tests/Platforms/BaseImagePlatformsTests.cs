using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Platforms;

public class BaseImagePlatformsTests
{
    [Fact]
    public void One_manifest_has_the_platform_of_its_config() =>
        Assert.Equal(["linux/amd64"], BaseImagePlatforms.Parse("""{"architecture":"amd64","os":"linux","config":{}}"""));

    [Fact]
    public void An_index_has_its_platforms_without_attestations() =>
        Assert.Equal(["linux/amd64", "linux/arm64"], BaseImagePlatforms.Parse(
            """{"linux/amd64":{"architecture":"amd64","os":"linux"},"linux/arm64/v8":{"architecture":"arm64","os":"linux","variant":"v8"},"unknown/unknown":{"architecture":"unknown","os":"unknown"}}"""));
}

/// <summary>The platforms of a base pinned by digest, asked of the registry once and kept beside the build.</summary>
public sealed class BaseImagePlatformsCacheTests : IDisposable
{
    private const string Index = """{"linux/amd64":{"architecture":"amd64","os":"linux"},"linux/arm64":{"architecture":"arm64","os":"linux"}}""";
    private const string Pinned = "registry.example/dotnet/aspnet:10.0@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private readonly TemporaryDirectory _temp = new("slipway-base-platforms");
    private readonly TargetPlatforms _both = TargetPlatforms.Parse(["linux/amd64", "linux/arm64"]);

    private Slipway.IO.AbsolutePath CacheFile => _temp.Path / "base-image-platforms.json";

    private ScriptedDocker? _docker;

    // A docker client whose `buildx imagetools inspect` prints the given JSON (or fails), counting its calls.
    private Slipway.Components.Docker.DockerCli Docker(string? answer)
    {
        _docker = new ScriptedDocker(_temp.Path, answer is null ? "echo 'ERROR: not found' >&2; exit 1" : $"echo '{answer}'");
        return _docker.Client;
    }

    private int Calls() => _docker?.Calls.Count ?? 0;

    [SkippableFact]
    public async Task A_base_pinned_by_digest_is_asked_once_and_then_read_from_the_cache()
    {
        await BaseImagePlatforms.CheckAsync(Docker(Index), Pinned, _both, CacheFile, CancellationToken.None);
        await BaseImagePlatforms.CheckAsync(Docker(Index), Pinned, _both, CacheFile, CancellationToken.None);

        Assert.Equal(1, Calls());
        Assert.Contains("linux/arm64", File.ReadAllText(CacheFile), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_cached_base_without_a_platform_still_stops_the_build_naming_it()
    {
        await BaseImagePlatforms.CheckAsync(Docker("""{"architecture":"amd64","os":"linux"}"""), Pinned, TargetPlatforms.Parse(["linux/amd64"]), CacheFile, CancellationToken.None);

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => BaseImagePlatforms.CheckAsync(Docker(Index), Pinned, _both, CacheFile, CancellationToken.None));

        Assert.Contains("has no linux/arm64 image: it has linux/amd64", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Calls());
    }

    [SkippableFact]
    public async Task A_base_named_by_tag_alone_is_asked_every_time()
    {
        const string tagged = "registry.example/dotnet/aspnet:10.0";

        await BaseImagePlatforms.CheckAsync(Docker(Index), tagged, _both, CacheFile, CancellationToken.None);
        await BaseImagePlatforms.CheckAsync(Docker(Index), tagged, _both, CacheFile, CancellationToken.None);

        Assert.Equal(2, Calls());
        Assert.False(CacheFile.FileExists());
    }

    [SkippableFact]
    public async Task A_registry_that_does_not_answer_leaves_nothing_in_the_cache()
    {
        await BaseImagePlatforms.CheckAsync(Docker(null), Pinned, _both, CacheFile, CancellationToken.None);
        await BaseImagePlatforms.CheckAsync(Docker(null), Pinned, _both, CacheFile, CancellationToken.None);

        Assert.Equal(2, Calls());
        Assert.False(CacheFile.FileExists());
    }

    public void Dispose() => _temp.Dispose();
}
