using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Images;

/// <summary>
/// Loads two-platform images from one OCI layout into the real engine, as DockerBuild does after each build. The images
/// are written here, not built, so BuildKit's cache holds none of their blobs: a blob a load leaves out is in the engine
/// only if an image the engine holds reaches it. Whether the engine holds an image whole is checked by pushing it, since
/// docker push refuses an index whose content the engine lacks.
/// </summary>
public sealed class LayoutLoaderIntegrationTests : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly TemporaryDirectory _temp = new("slipway-layout-load");
    private readonly string _image = $"slipway-load-{Guid.NewGuid():N}"[..24];
    private readonly List<string> _references = [];
    private readonly OciImageWriter _writer;

    public LayoutLoaderIntegrationTests() => _writer = new OciImageWriter(_temp.Path / "image-layout");

    private AbsolutePath LayoutDirectory => _writer.Layout;

    private LayoutLoader Loader => new(_env.Docker);

    private OciLayout Layout => new(LayoutDirectory);

    // The first build of a checkout: its image exported into the layout and loaded whole.
    private async Task<LoadedImage> FirstBuildAsync(string code)
    {
        var first = new LoadedImage(Reference("build-1"), Export("build-1", code));
        var load = await Loader.LoadAsync(Layout, held: null, CancellationToken.None);
        Assert.Equal(0, load.Tool.ExitCode);
        Assert.True(load.Archive.IsWhole);
        return first;
    }

    // The next build, exported beside the previous one and loaded as DockerBuild does: counting on what the previous
    // image reaches (read before retaining the new one drops the previous manifests).
    private async Task<(string Digest, LayoutLoad Load)> NextBuildAsync(LoadedImage previous, string code)
    {
        var digest = Export("build-2", code);
        var held = Layout.Reachable(previous.Id);
        Layout.Retain(digest);
        return (digest, await Loader.LoadAsync(Layout, new HeldBlobs(previous, held), CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_build_after_the_first_loads_only_what_it_does_not_share_and_the_engine_keeps_it_whole_once_the_first_is_gone()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var first = await FirstBuildAsync("code 1");
        Assert.True(await Loader.HoldsAsync(first, CancellationToken.None));

        var (second, load) = await NextBuildAsync(first, "code 2");

        Assert.Equal(0, load.Tool.ExitCode);
        // The index, two manifests, two configs and each platform's own layer; not the 2 MB layer both builds share.
        Assert.Equal(7, load.Archive.Blobs.Count);
        Assert.Equal(8, load.Archive.ImageBlobs);
        Assert.InRange(load.Archive.Bytes, 1, 100_000);
        Assert.Equal(second, await IdOf(Reference("build-2")));
        await _env.Docker.Command("image", "rm", first.Reference).ExecuteAsync();
        await AssertPushable("build-2");
    }

    [SkippableFact]
    public async Task A_rebuild_of_the_same_image_loads_its_name_only()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var first = await FirstBuildAsync("same code");

        var (again, load) = await NextBuildAsync(first, "same code");

        Assert.Equal(first.Id, again);
        Assert.Equal(0, load.Tool.ExitCode);
        Assert.Empty(load.Archive.Blobs);
        Assert.Equal(again, await IdOf(Reference("build-2")));
        await _env.Docker.Command("image", "rm", first.Reference).ExecuteAsync();
        await AssertPushable("build-2");
    }

    [SkippableFact]
    public async Task An_image_whose_name_is_gone_or_names_another_image_is_not_counted_on()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var first = await FirstBuildAsync("code 1");
        await NextBuildAsync(first, "code 2");

        await _env.Docker.Command("tag", Reference("build-2"), first.Reference).ExecuteAsync();
        Assert.False(await Loader.HoldsAsync(first, CancellationToken.None));
        await _env.Docker.Command("image", "rm", first.Reference).ExecuteAsync();
        Assert.False(await Loader.HoldsAsync(first, CancellationToken.None));
        Assert.False(await Loader.HoldsAsync(null, CancellationToken.None));
    }

    [SkippableFact]
    public async Task When_the_engine_lost_the_blobs_a_load_counted_on_the_whole_image_is_loaded()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var first = await FirstBuildAsync("code 1");
        await _env.Docker.Command("image", "rm", first.Reference).ExecuteAsync(); // the shared layer goes with it

        var (_, load) = await NextBuildAsync(first, "code 2");

        Assert.Equal(0, load.Tool.ExitCode);
        Assert.True(load.Archive.IsWhole);
        await AssertPushable("build-2");
    }

    private string Reference(string tag) => $"{_image}:{tag}";

    private async Task<string> IdOf(string reference) =>
        (await _env.Docker.Command("image", "inspect", "--format", "{{.Id}}", reference).ExecuteAsync()).StandardOutput.Trim();

    // docker push fails ("missing content") when the engine lacks a blob of any platform of the index.
    private async Task AssertPushable(string tag)
    {
        var pushed = $"{_env.Registry}/{_image}:{tag}";
        await _env.Docker.Command("tag", Reference(tag), pushed).ExecuteAsync();
        _references.Add(pushed);
        var push = await _env.Docker.TryAsync(CancellationToken.None, "push", pushed);
        Assert.True(push.ExitCode == 0, $"the engine does not hold {Reference(tag)} whole: {push.StandardError}");
    }

    private string Export(string tag, string code)
    {
        _references.Add(Reference(tag));
        return _writer.Export(Reference(tag), code);
    }

    public void Dispose()
    {
        if (_env.IsAvailable)
        {
            foreach (var reference in _references) _env.Docker.TryAsync(CancellationToken.None, "image", "rm", "--force", reference).GetAwaiter().GetResult();
        }
        _temp.Dispose();
    }
}
