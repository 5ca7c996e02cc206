namespace Slipway.IO;

/// <summary>The well-known directories of a repository built with Slipway.</summary>
internal static class BuildPaths
{
    public static AbsolutePath Artifacts(AbsolutePath root) => root / "artifacts";

    public static AbsolutePath Temporary(AbsolutePath root) => root / ".nuke" / "temp";
}
