using Slipway.Common.Tests.Support;
using Slipway.IO;

namespace Slipway.Common.Tests.Execution;

public interface IDirectories : ISlipwayBuild
{
    Target ShowFromComponent => _ => _.Executes(() => Journal.Add($"{ArtifactsDirectory}|{TemporaryDirectory}"));
}

public sealed class DirectoryTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class Paths : SlipwayBuild, IDirectories
    {
        Target Show => _ => _.Executes(() => Journal.Add($"{ArtifactsDirectory}|{TemporaryDirectory}"));
    }

    [Fact]
    public void Artifacts_and_temporary_directories_are_under_the_root_for_builds_and_components()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Paths>("Show", "ShowFromComponent"));
        var expected = $"{_harness.Root / "artifacts"}|{_harness.Root / ".nuke" / "temp"}";
        Assert.Equal([expected, expected], Journal.Take());
    }

    [Fact]
    public void Paths_print_with_forward_slashes_and_combine_with_slash()
    {
        var path = AbsolutePath.Create("/repo") / "src" / "App";
        Assert.Equal("/repo/src/App", path.ToString());
        Assert.Equal("src/App", path.RelativeTo(AbsolutePath.Create("/repo")));
        Assert.Equal("/repo/src", path.Parent!.ToString());
    }
}
