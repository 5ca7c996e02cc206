using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Images;

/// <summary>The build names a checkout retired, removed from the real engine: its own, and only those.</summary>
public sealed class RetiredImagesTests : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly TemporaryDirectory _temp = new("slipway-retired");
    private readonly string _image = $"slipway-retired-{Guid.NewGuid():N}"[..24];
    private readonly List<string> _names = [];

    private Slipway.IO.AbsolutePath Temporary => _temp.Path / ".nuke" / "temp";

    private async Task<string> LoadAsync(string tag)
    {
        var name = $"{_image}:{tag}";
        _names.Add(name);
        var layout = new Slipway.Components.Platforms.OciLayout(_temp.Path / tag);
        new OciImageWriter(layout.Directory).Export(name, tag);
        Assert.Equal(0, (await new LayoutLoader(_env.Docker).LoadAsync(layout, held: null, CancellationToken.None)).Tool.ExitCode);
        return name;
    }

    private async Task<bool> ExistsAsync(string name) =>
        (await _env.Docker.TryAsync(CancellationToken.None, "image", "inspect", name)).ExitCode == 0;

    [SkippableFact]
    public async Task The_removal_takes_the_names_this_checkout_retired_and_no_other()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var retired = await LoadAsync("build-0123456789ab");
        var current = await LoadAsync("build-ba9876543210");
        var notABuildName = await LoadAsync("kept");
        RetiredImages.Add(Temporary, _image, retired);
        RetiredImages.Add(Temporary, _image, notABuildName);
        RetiredImages.Add(Temporary, _image, "another-image:build-0123456789ab");

        await RetiredImages.RemoveAsync(Temporary, _env.Docker, _image, CancellationToken.None);

        Assert.False(await ExistsAsync(retired));
        Assert.True(await ExistsAsync(current));
        Assert.True(await ExistsAsync(notABuildName));
        Assert.False((Temporary / "retired-images").FileExists());
    }

    [SkippableFact]
    public async Task A_name_already_gone_or_nothing_retired_is_no_failure()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        await RetiredImages.RemoveAsync(Temporary, _env.Docker, _image, CancellationToken.None);
        RetiredImages.Add(Temporary, _image, $"{_image}:build-000000000000");

        await RetiredImages.RemoveAsync(Temporary, _env.Docker, _image, CancellationToken.None);

        Assert.False((Temporary / "retired-images").FileExists());
    }

    public void Dispose()
    {
        if (_env.IsAvailable)
        {
            foreach (var name in _names) _env.Docker.TryAsync(CancellationToken.None, "image", "rm", "--force", name).GetAwaiter().GetResult();
        }
        _temp.Dispose();
    }
}
