using Slipway.Processes;

namespace Slipway.Components.Versioning;

/// <summary>
/// Finds GitVersion's command line: <c>dotnet-gitversion</c> on PATH when present, else <c>gitversion.dll</c> from the
/// GitVersion.MsBuild package that the build project downloads with a <c>PackageDownload</c>.
/// </summary>
internal static class GitVersionTool
{
    public const string PackageVersion = "6.8.2";

    public const string PackageDownloadLine = $"<PackageDownload Include=\"GitVersion.MsBuild\" Version=\"[{PackageVersion}]\" />";

    /// <summary>The command that runs GitVersion, without arguments.</summary>
    /// <param name="environment">The environment (for <c>NUGET_PACKAGES</c> and <c>HOME</c>).</param>
    /// <param name="findOnPath">Looks an executable up on PATH (<see cref="Tool.Find"/> outside tests).</param>
    public static ToolCommand Locate(IReadOnlyDictionary<string, string> environment, Func<string, string?> findOnPath)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(findOnPath);
        if (findOnPath("dotnet-gitversion") is { } globalTool) return Tool.Of(globalTool);

        var dll = DllPath(environment);
        if (!File.Exists(dll))
        {
            throw new BuildFailedException(
                $"GitVersion was not found: neither 'dotnet-gitversion' on PATH nor {dll}. " +
                $"Add {PackageDownloadLine} to an ItemGroup of the build project (build/_build.csproj) and run the build again " +
                "(the package is downloaded on restore), or install the global tool with 'dotnet tool install -g GitVersion.Tool'.");
        }
        return Tool.Of("dotnet").WithArguments([dll]);
    }

    /// <summary>Where NuGet puts the package's <c>gitversion.dll</c>.</summary>
    public static string DllPath(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var packages = environment.TryGetValue("NUGET_PACKAGES", out var custom) && custom.Length > 0
            ? custom
            : Path.Combine(HomeDirectory(environment), ".nuget", "packages");
        return Path.Combine(packages, "gitversion.msbuild", PackageVersion, "tools", "net10.0", "gitversion.dll");
    }

    private static string HomeDirectory(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("HOME", out var home) && home.Length > 0 ? home
        : environment.TryGetValue("USERPROFILE", out var profile) && profile.Length > 0 ? profile
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
