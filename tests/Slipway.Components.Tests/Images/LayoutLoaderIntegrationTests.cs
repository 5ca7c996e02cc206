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

    [SkippableFact]
    public async Task A_build_after_the_first_loads_only_what_it_does_not_share_and_the_engine_keeps_it_whole_once_the_first_is_gone()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var layout = new OciLayout(LayoutDirectory);
        var first = Export("build-1", "code 1");
        var firstLoad = await Loader.LoadAsync(layout, held: null, CancellationToken.None);
        Assert.Equal(0, firstLoad.Tool.ExitCode);
        Assert.True(firstLoad.Archive.IsWhole);
        var previous = new LoadedImage(Reference("build-1"), first);
        Assert.True(await Loader.HoldsAsync(previous, CancellationToken.None));

        var second = Export("build-2", "code 2");
        var held = layout.Reachable(first); // before retaining the second build drops the first's manifests
        layout.Retain(second);
        var load = await Loader.LoadAsync(layout, new HeldBlobs(previous, held), CancellationToken.None);

        Assert.Equal(0, load.Tool.ExitCode);
        // The index, two manifests, two configs and each platform's own layer; not the 2 MB layer both builds share.
        Assert.Equal(7, load.Archive.Blobs.Count);
        Assert.Equal(8, load.Archive.ImageBlobs);
        Assert.InRange(load.Archive.Bytes, 1, 100_000);
        Assert.Equal(second, await IdOf(Reference("build-2")));

        await _env.Docker.Command("image", "rm", Reference("build-1")).ExecuteAsync();
        await AssertPushable("build-2");
    }

    [SkippableFact]
    public async Task A_rebuild_of_the_same_image_loads_its_name_only()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var layout = new OciLayout(LayoutDirectory);
        var first = Export("build-1", "same code");
        await Loader.LoadAsync(layout, held: null, CancellationToken.None);
        var previous = new LoadedImage(Reference("build-1"), first);

        var again = Export("build-2", "same code");
        Assert.Equal(first, again);
        var held = layout.Reachable(first);
        layout.Retain(again);
        var load = await Loader.LoadAsync(layout, new HeldBlobs(previous, held), CancellationToken.None);

        Assert.Equal(0, load.Tool.ExitCode);
        Assert.Empty(load.Archive.Blobs);
        Assert.Equal(again, await IdOf(Reference("build-2")));
        await _env.Docker.Command("image", "rm", Reference("build-1")).ExecuteAsync();
        await AssertPushable("build-2");
    }

    [SkippableFact]
    public async Task An_image_whose_name_is_gone_or_names_another_image_is_not_counted_on()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var layout = new OciLayout(LayoutDirectory);
        var first = Export("build-1", "code 1");
        await Loader.LoadAsync(layout, held: null, CancellationToken.None);
        var previous = new LoadedImage(Reference("build-1"), first);
        var other = Export("build-2", "code 2");
        layout.Retain(other);
        await Loader.LoadAsync(layout, held: null, CancellationToken.None);

        await _env.Docker.Command("tag", Reference("build-2"), Reference("build-1")).ExecuteAsync();
        Assert.False(await Loader.HoldsAsync(previous, CancellationToken.None));
        await _env.Docker.Command("image", "rm", Reference("build-1")).ExecuteAsync();
        Assert.False(await Loader.HoldsAsync(previous, CancellationToken.None));
        Assert.False(await Loader.HoldsAsync(null, CancellationToken.None));
    }

    [SkippableFact]
    public async Task When_the_engine_lost_the_blobs_a_load_counted_on_the_whole_image_is_loaded()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var layout = new OciLayout(LayoutDirectory);
        var first = Export("build-1", "code 1");
        await Loader.LoadAsync(layout, held: null, CancellationToken.None);
        var held = layout.Reachable(first);
        await _env.Docker.Command("image", "rm", Reference("build-1")).ExecuteAsync(); // the shared layer goes with it

        var second = Export("build-2", "code 2");
        layout.Retain(second);
        var load = await Loader.LoadAsync(layout, new HeldBlobs(new LoadedImage(Reference("build-1"), first), held), CancellationToken.None);

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
