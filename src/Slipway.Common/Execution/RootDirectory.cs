using Slipway.IO;

namespace Slipway.Execution;

/// <summary>Finds the repository root: the nearest directory upwards that holds <c>.nuke/</c>.</summary>
internal static class RootDirectory
{
    public static AbsolutePath Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = AbsolutePath.Create(start); dir is not null; dir = dir.Parent)
            {
                if ((dir / ".nuke").DirectoryExists()) return dir;
            }
        }
        throw new BuildUsageException(
            $"No .nuke/ directory found upwards from {Environment.CurrentDirectory}. Run the build inside its repository, or create .nuke/ at the repository root.");
    }
}
