using Slipway.Components.Images;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

/// <summary>Push against real registries: the shared one on localhost:5000, and one of the test's own that it stops and restarts.</summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed class PushIntegrationTests : IDisposable
{
    private static readonly RetrySettings s_fast = new(2, TimeSpan.FromMilliseconds(200));
    private readonly List<string> _images = [];
    private readonly CapturedLog _log = new();
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        _log.Dispose();
        _registry.Dispose();
        foreach (var image in _images) LocalDocker.RemoveImage(image);
    }

    private string BuildImage()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var id = LocalDocker.BuildUniqueImage();
        _images.Add(id);
        return id;
    }

    private static ImageRepository NewRepository(string registry = LocalDocker.Registry) =>
        ImageRepository.Combine(registry + "/slipway-tests", "push-" + Guid.NewGuid().ToString("N")[..10]);

    private static PushRequest Request(string imageId, ImageRepository repository, bool scanned, params string[] tags) => new()
    {
        Record = new ImageRecord
        {
            ImageId = imageId,
            LocalReference = "orders:build",
            Image = "orders",
            Scan = scanned ? new ScanRecord { ImageId = imageId, Passed = true, Threshold = "HIGH" } : null,
        },
        Repository = repository,
        Tags = [.. tags.Select(t => new ImageTag(t))],
        Version = "1.2.3",
        Commit = "0123abc4567def",
    };

    private Pusher NewPusher(RetrySettings? retry = null) => new(new DockerPushCommands(), _registry, retry ?? s_fast);

    [SkippableFact]
    public async Task Refuses_an_unscanned_image_and_pushes_nothing()
    {
        var image = BuildImage();
        var repository = NewRepository();

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => NewPusher().PushAsync(Request(image, repository, scanned: false, "1.2.3")));

        Assert.Contains("was not scanned", error.Message, StringComparison.Ordinal);
        Assert.Null(await _registry.GetDigestAsync(repository, "1.2.3", null));
    }

    [SkippableFact]
    public async Task Allow_unscanned_pushes_with_a_loud_recorded_waiver()
    {
        var image = BuildImage();
        var repository = NewRepository();

        var result = await NewPusher().PushAsync(Request(image, repository, scanned: false, "0.1.0-dev.1") with { AllowUnscanned = true });

        Assert.StartsWith("SCAN GATE WAIVED with --allow-unscanned: The image sha256:", result.Waiver, StringComparison.Ordinal);
        Assert.Contains("[Warning] SCAN GATE WAIVED", _log.Text, StringComparison.Ordinal);
        Assert.Equal(result.Record.Digest, await _registry.GetDigestAsync(repository, "0.1.0-dev.1", null));
    }

    [SkippableFact]
    public async Task Pushes_the_scanned_image_and_every_tag_points_at_its_digest()
    {
        var image = BuildImage();
        var repository = NewRepository();

        var result = await NewPusher().PushAsync(Request(image, repository, scanned: true, "1.2.3", "1.2", "1", "sha-0123abc"));

        var record = result.Record;
        Assert.Equal(repository.ToString(), record.Repository);
        Assert.Equal(["1.2.3", "1.2", "1", "sha-0123abc"], record.Tags);
        Assert.Equal($"{repository}@{record.Digest}", record.Reference);
        Assert.Equal("1.2.3", record.Version);
        Assert.Null(result.Waiver);
        foreach (var tag in record.Tags!) Assert.Equal(record.Digest, await _registry.GetDigestAsync(repository, tag, null));
        Assert.Contains("Verified 4 tag(s)", _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Refuses_to_move_an_existing_version_to_another_digest()
    {
        var first = BuildImage();
        var second = BuildImage();
        var repository = NewRepository();
        var pushed = (await NewPusher().PushAsync(Request(first, repository, true, "1.2.3", "1.2"))).Record.Digest!;

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => NewPusher().PushAsync(Request(second, repository, true, "1.2.3", "1.2")));

        Assert.Contains($"{repository}:1.2.3 already exists with digest {pushed}", error.Message, StringComparison.Ordinal);
        Assert.Contains(second, error.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
        Assert.Equal(pushed, await _registry.GetDigestAsync(repository, "1.2.3", null));
        Assert.Equal(pushed, await _registry.GetDigestAsync(repository, "1.2", null)); // nothing moved
    }

    [SkippableFact]
    public async Task Re_pushing_the_same_image_under_its_version_is_allowed_and_floating_tags_move()
    {
        var first = BuildImage();
        var second = BuildImage();
        var repository = NewRepository();
        var firstDigest = (await NewPusher().PushAsync(Request(first, repository, true, "1.2.3", "1.2"))).Record.Digest;

        var again = await NewPusher().PushAsync(Request(first, repository, true, "1.2.3", "1.2"));
        var next = await NewPusher().PushAsync(Request(second, repository, true, "1.2.4", "1.2"));

        Assert.Equal(firstDigest, again.Record.Digest);
        Assert.Equal(next.Record.Digest, await _registry.GetDigestAsync(repository, "1.2", null));
        Assert.NotEqual(firstDigest, next.Record.Digest);
    }

    [SkippableFact]
    public async Task Survives_a_registry_that_is_down_at_the_first_attempt_and_comes_back()
    {
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed");
        var image = BuildImage();
        using var registry = new OwnRegistry();
        var repository = NewRepository(registry.Host);

        var push = NewPusher(new RetrySettings(6, TimeSpan.FromMilliseconds(500))).PushAsync(Request(image, repository, true, "0.9.0-rc.1", "sha-0123abc"));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(push.IsCompleted);
        registry.Start();
        var result = await push;

        Assert.Contains("retry 1 of 6", _log.Text, StringComparison.Ordinal);
        Assert.Equal(result.Record.Digest, await _registry.GetDigestAsync(repository, "0.9.0-rc.1", null));
    }

    [SkippableFact]
    public async Task An_unreachable_registry_fails_clearly_after_the_retries()
    {
        var image = BuildImage();
        var repository = NewRepository($"127.0.0.1:{LocalDocker.FreePort()}");

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => NewPusher().PushAsync(Request(image, repository, true, "0.9.0-rc.1")));

        Assert.Contains("failed after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pushed ", _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Login_never_prints_the_password()
    {
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed");
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        using var registry = new OwnRegistry();
        registry.Start();
        const string password = "pa55-Word-that-must-not-leak";
        var docker = new DockerPushCommands();

        await docker.LoginAsync(registry.Host, new RegistryCredentials("tester", password), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<TransientRegistryException>(() =>
            docker.LoginAsync($"127.0.0.1:{LocalDocker.FreePort()}", new RegistryCredentials("tester", password), CancellationToken.None));
        LocalDocker.Docker("logout", registry.Host);

        Assert.Contains("--password-stdin", _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, failure.Message, StringComparison.Ordinal);
    }
}
