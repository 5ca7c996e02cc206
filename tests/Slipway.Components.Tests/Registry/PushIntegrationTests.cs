using Slipway.Components.Destination;
using Slipway.Components.References;
using Slipway.Components.Docker;
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

    private string BuildImage(string? revision = null, params string[] labels)
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var id = LocalDocker.BuildUniqueImage(revision, labels);
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
        Admission = new TagAdmission { ImageId = imageId, Tags = tags, Waiver = scanned ? null : "SCAN GATE WAIVED with --allow-unscanned: The image " + imageId[..19] + " was not scanned." },
        Version = "1.2.3",
        Commit = "0123abc4567def",
    };

    private static PushRequest Release(string imageId, ImageRepository repository, string revision, string version, params string[] tags) =>
        Request(imageId, repository, true, tags) with
        {
            Record = Request(imageId, repository, true).Record with { Revision = revision },
            Version = version,
            Commit = revision,
        };

    // A two-platform index of its own, loaded into the engine from an OCI layout: its record, with each platform's image.
    private async Task<ImageRecord> LoadTwoPlatformImageAsync(Infrastructure.TemporaryDirectory temp, string revision)
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        var name = $"orders-{Guid.NewGuid():N}"[..20] + ":build-1";
        var layout = new Slipway.Components.Platforms.OciLayout(temp.Path / "image-layout");
        var index = new Infrastructure.OciImageWriter(layout.Directory).Export(name, revision);
        var load = await new LayoutLoader(DockerCli.FromPath).LoadAsync(layout, held: null, CancellationToken.None);
        Assert.Equal(0, load.Tool.ExitCode);
        _images.Add(name);
        return new ImageRecord { ImageId = index, Platforms = layout.ReadIndex().Platforms, LocalReference = name, Image = "orders", Revision = revision };
    }

    [SkippableTheory]
    [InlineData("linux/amd64")]
    [InlineData("linux/arm64")]
    public async Task A_version_that_holds_only_one_platform_image_of_this_build_is_completed_with_the_index(string platform)
    {
        using var temp = new Infrastructure.TemporaryDirectory("slipway-half-pushed");
        var record = await LoadTwoPlatformImageAsync(temp, "0123abc4567def");
        var repository = NewRepository();
        // What a push that died halfway leaves: every blob and manifest of the index, and the version on one platform's image.
        LocalDocker.Docker(["tag", record.ImageId, $"{repository}:upload"]);
        _images.Add($"{repository}:upload");
        LocalDocker.Docker(["push", $"{repository}:upload"]);
        var alone = (await _registry.GetManifestAsync(repository, record.Platforms!.Single(p => p.Platform == platform).Digest, null))!;
        await _registry.PutManifestAsync(repository, "1.2.3", alone, null);
        foreach (var tag in new[] { "1.2.3", "1.2", "1" }) _images.Add($"{repository}:{tag}");

        var result = await NewPusher().PushAsync(Release(record.ImageId, repository, "0123abc4567def", "1.2.3", "1.2.3", "1.2", "1") with
        {
            Record = Release(record.ImageId, repository, "0123abc4567def", "1.2.3").Record with { Platforms = record.Platforms },
        });

        Assert.Equal(record.ImageId, result.Record.Digest);
        foreach (var tag in new[] { "1.2.3", "1.2", "1" }) Assert.Equal(record.ImageId, await _registry.GetDigestAsync(repository, tag, null));
        Assert.Contains($"completed 1.2.3: it held only the {platform} image of this build", result.Notes);
        Assert.Null(result.Record.AlreadyPublished);
    }

    private Pusher NewPusher(RetrySettings? retry = null) => new(new DockerImageCommands(DockerCli.FromPath), _registry, retry ?? s_fast);

    [SkippableFact]
    public async Task Refuses_an_image_that_Tag_did_not_admit_and_pushes_nothing()
    {
        var image = BuildImage();
        var repository = NewRepository();
        var request = Request(image, repository, scanned: true, "1.2.3");

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => NewPusher().PushAsync(request with
        {
            Admission = request.Admission with { ImageId = "sha256:" + new string('2', 64) },
        }));

        Assert.Contains("is not the one Tag admitted", error.Message, StringComparison.Ordinal);
        Assert.Null(await _registry.GetDigestAsync(repository, "1.2.3", null));
    }

    [SkippableFact]
    public async Task An_admitted_waiver_pushes_and_is_recorded()
    {
        var image = BuildImage();
        var repository = NewRepository();

        var result = await NewPusher().PushAsync(Request(image, repository, scanned: false, "0.1.0-dev.1"));

        Assert.StartsWith("SCAN GATE WAIVED with --allow-unscanned: The image sha256:", result.Waiver, StringComparison.Ordinal);
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
    public async Task The_same_commit_built_differently_keeps_the_published_version_and_warns_naming_both_digests_and_the_difference()
    {
        const string commit = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
        var published = BuildImage(commit, "org.opencontainers.image.base.name=aspnet:10.0.11");
        var rebuilt = BuildImage(commit, "org.opencontainers.image.base.name=aspnet:10.0.12");
        var repository = NewRepository();
        var digest = (await NewPusher().PushAsync(Release(published, repository, commit, "1.2.3", "1.2.3", "1.2", "1"))).Record.Digest!;

        var again = await NewPusher().PushAsync(Release(rebuilt, repository, commit, "1.2.3", "1.2.3", "1.2", "1"));

        Assert.Equal(digest, again.Record.Digest);
        foreach (var tag in new[] { "1.2.3", "1.2", "1" }) Assert.Equal(digest, await _registry.GetDigestAsync(repository, tag, null));
        Assert.Contains("[Warning]", _log.Text, StringComparison.Ordinal);
        Assert.Contains(digest, _log.Text, StringComparison.Ordinal);
        Assert.Contains(rebuilt, _log.Text, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.base.name: aspnet:10.0.11 → aspnet:10.0.12", _log.Text, StringComparison.Ordinal);
        Assert.Contains(again.Notes, n => n.StartsWith("kept the published 1.2.3", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Another_commit_under_an_existing_version_is_refused_naming_both_commits()
    {
        const string first = "1111111111111111111111111111111111111111", second = "2222222222222222222222222222222222222222";
        var repository = NewRepository();
        var pushed = (await NewPusher().PushAsync(Release(BuildImage(first), repository, first, "1.2.3", "1.2.3"))).Record.Digest;

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => NewPusher().PushAsync(Release(BuildImage(second), repository, second, "1.2.3", "1.2.3")));

        Assert.Contains($"built from commit {first}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"from commit {second}", error.Message, StringComparison.Ordinal);
        Assert.Equal(pushed, await _registry.GetDigestAsync(repository, "1.2.3", null));
    }

    [SkippableFact]
    public async Task A_hotfix_of_an_older_line_moves_its_minor_tag_and_leaves_the_major_on_the_newest_release()
    {
        var repository = NewRepository();
        var newest = (await NewPusher().PushAsync(Release(BuildImage("b"), repository, "b", "1.2.4", "1.2.4", "1.2", "1"))).Record.Digest;

        var hotfix = await NewPusher().PushAsync(Release(BuildImage("a"), repository, "a", "1.1.9", "1.1.9", "1.1", "1"));

        Assert.Equal(["1.1.9", "1.1"], hotfix.Record.Tags);
        Assert.Equal(hotfix.Record.Digest, await _registry.GetDigestAsync(repository, "1.1", null));
        Assert.Equal(newest, await _registry.GetDigestAsync(repository, "1", null));
        Assert.Contains(hotfix.Notes, n => n.Contains("kept 1 on 1.2.4", StringComparison.Ordinal));
    }

    /// <summary>Passes every request to the registry, but answers 403 to the tag list.</summary>
    private sealed class RefusesTagList() : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath.EndsWith("/tags/list", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden))
                : base.SendAsync(request, cancellationToken);
    }

    [SkippableFact]
    public async Task A_registry_that_refuses_to_list_tags_leaves_the_floating_tags_unmoved_with_a_warning()
    {
        var repository = NewRepository();
        var first = (await NewPusher().PushAsync(Release(BuildImage("a"), repository, "a", "1.2.3", "1.2.3", "1.2", "1"))).Record.Digest;
        using var handler = new RefusesTagList();
        using var refusing = new RegistryClient(handler, TimeSpan.FromSeconds(10));

        var next = await new Pusher(new DockerImageCommands(DockerCli.FromPath), refusing, s_fast)
            .PushAsync(Release(BuildImage("b"), repository, "b", "1.2.4", "1.2.4", "1.2", "1"));

        Assert.Equal(["1.2.4"], next.Record.Tags);
        Assert.Equal(first, await _registry.GetDigestAsync(repository, "1.2", null));
        Assert.Equal(first, await _registry.GetDigestAsync(repository, "1", null));
        Assert.Contains("[Warning] The floating tags 1.2 and 1 were not moved to 1.2.4: the registry's tags could not be listed", _log.Text, StringComparison.Ordinal);
        Assert.Contains(next.Notes, n => n.Contains("could not be listed", StringComparison.Ordinal));
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
    public async Task Login_to_a_registry_with_htpasswd_writes_the_private_config_and_never_prints_the_password()
    {
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed");
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        const string password = "pa55-Word-that-must-not-leak";
        using var registry = new OwnRegistry(("tester", password));
        registry.Start();
        var cleanups = new List<Action>();
        var destination = new RegistryDestination(ImageRepository.Combine(registry.Host, "orders"), "test", new RegistryCredentials("tester", password));

        var docker = await RegistryLogin.LogInAsync(destination, DockerCli.FromPath, cleanups.Add, CancellationToken.None);
        var config = docker.Environment["DOCKER_CONFIG"]!;
        Assert.Contains(registry.Host, File.ReadAllText(Path.Combine(config, "config.json")), StringComparison.Ordinal);
        var wrong = destination with { Credentials = new RegistryCredentials("tester", "wrong-" + password) { Source = "REGISTRY_PASSWORD" } };
        var started = DateTime.UtcNow;
        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => RegistryLogin.LogInAsync(wrong, DockerCli.FromPath, cleanups.Add, CancellationToken.None));
        foreach (var cleanup in cleanups) cleanup();

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(20)); // refused at once, not retried
        Assert.Contains(registry.Host, failure.Message, StringComparison.Ordinal);
        Assert.Contains("user 'tester' (from REGISTRY_PASSWORD)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("refused the credentials", failure.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(config));
        Assert.Contains("--password-stdin", _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, failure.Message, StringComparison.Ordinal);
    }
}
