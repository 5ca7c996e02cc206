using Slipway.Processes;

namespace Slipway.Components.Versioning;

/// <summary>
/// The version of the commit being built, computed by GitVersion once per run. GitVersion runs from
/// <c>dotnet-gitversion</c> on PATH, else from the GitVersion.MsBuild package the build project downloads
/// (<c>&lt;PackageDownload Include="GitVersion.MsBuild" Version="[6.8.2]" /&gt;</c>).
/// A shallow clone, or a detached HEAD no branch contains, fails with the fix instead of yielding a wrong version.
/// </summary>
public interface IVersioning : ISlipwayBuild
{
    /// <summary>
    /// The version of the commit being built, computed once per run: the first read starts GitVersion (or reuses its output
    /// from an earlier run with the same refs, HEAD and configuration, kept in <c>.nuke/temp/gitversion.json</c>); every
    /// read returns the same task. Start it early with <c>.Prepares(() => VersionAsync)</c>.
    /// </summary>
    /// <example><c>var version = await VersionAsync;</c></example>
    Task<BuildVersion> VersionAsync => VersionCache.Versions.Get(this, () =>
        GitVersionRunner.ComputeAsync(RootDirectory, BuildEnvironment.Of(this), Tool.Find, ConfigureGitVersion, TemporaryDirectory, BuildCancellation.Token));

    /// <summary>
    /// Edits GitVersion's command line before it runs, e.g. another configuration file or an <c>/overrideconfig</c>
    /// value. Changed settings are part of the cache key. Returns them unchanged by default.
    /// </summary>
    /// <example><c>GitVersionSettings IVersioning.ConfigureGitVersion(GitVersionSettings s) => s.AddOverrideConfig("tag-prefix", "release-");</c></example>
    GitVersionSettings ConfigureGitVersion(GitVersionSettings settings) => settings;
}

/// <summary>The key of the run's version.</summary>
internal static class VersionCache
{
    public static PerBuild<Task<BuildVersion>> Versions { get; } = new();
}
