using Slipway.Components.Versioning;

namespace Slipway.Components.Tests.Versioning;

public sealed class GitVersionToolTests : IDisposable
{
    private readonly string _packages = Directory.CreateTempSubdirectory("slipway-nuget-").FullName;

    public void Dispose() => Directory.Delete(_packages, recursive: true);

    private Dictionary<string, string> Environment => new() { ["NUGET_PACKAGES"] = _packages };

    [Fact]
    public void Dotnet_gitversion_on_path_wins() =>
        Assert.Equal("/opt/tools/dotnet-gitversion", GitVersionTool.Locate(Environment, name => name == "dotnet-gitversion" ? "/opt/tools/dotnet-gitversion" : null).Executable);

    [Fact]
    public void Runs_the_dll_from_the_nuget_packages_folder()
    {
        var dll = Path.Combine(_packages, "gitversion.msbuild", "6.8.2", "tools", "net10.0", "gitversion.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        File.WriteAllText(dll, "");

        var command = GitVersionTool.Locate(Environment, _ => null);

        Assert.Equal("dotnet", command.Executable);
        Assert.Equal(dll, Assert.Single(command.Arguments));
    }

    [Fact]
    public void Missing_gitversion_names_the_package_download_to_add()
    {
        var error = Assert.Throws<BuildFailedException>(() => GitVersionTool.Locate(Environment, _ => null));
        Assert.Contains("<PackageDownload Include=\"GitVersion.MsBuild\" Version=\"[6.8.2]\" />", error.Message, StringComparison.Ordinal);
        Assert.Contains(_packages, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_nuget_packages_the_home_folder_is_used() =>
        Assert.Equal("/home/dev/.nuget/packages/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll",
            GitVersionTool.DllPath(new Dictionary<string, string> { ["HOME"] = "/home/dev" }).Replace('\\', '/'));
}
