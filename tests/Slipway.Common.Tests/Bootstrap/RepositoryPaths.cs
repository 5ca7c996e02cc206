namespace Slipway.Common.Tests.Bootstrap;

/// <summary>Paths in this repository (the one the tests were built from), found upwards from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string EngineProject => Path.Combine(Root, "src", "Slipway.Common", "Slipway.Common.csproj");

    /// <summary>Where tests/infra/install-pwsh.sh installs PowerShell (SLIPWAY_TOOLS_DIR, else .nuke/temp/tools).</summary>
    public static string ToolsDirectory =>
        Environment.GetEnvironmentVariable("SLIPWAY_TOOLS_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Root, ".nuke", "temp", "tools");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Slipway.sln")) && File.Exists(Path.Combine(dir.FullName, "build.sh")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Slipway.sln with build.sh found upwards from {AppContext.BaseDirectory}.");
    }
}
