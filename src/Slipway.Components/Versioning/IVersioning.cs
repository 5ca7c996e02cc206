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
    /// The version of the commit being built. The first read runs GitVersion, or reuses its output from an earlier run
    /// with the same refs, HEAD and configuration (kept in <c>.nuke/temp/gitversion.json</c>); later reads return the same value.
    /// </summary>
    BuildVersion Version => VersionCache.Versions.Get(this, () =>
        GitVersionRunner.ComputeAsync(RootDirectory, BuildEnvironment.Of(this), Tool.Find, ConfigureGitVersion, TemporaryDirectory, BuildCancellation.Token).GetAwaiter().GetResult());

    /// <summary>
    /// Edits GitVersion's command line before it runs, e.g. another configuration file or an <c>/overrideconfig</c>
    /// value. Changed settings are part of the cache key. Returns them unchanged by default.
    /// </summary>
    /// <example><c>GitVersionSettings IVersioning.ConfigureGitVersion(GitVersionSettings s) => s.AddOverrideConfig("tag-prefix", "release-");</c></example>
    GitVersionSettings ConfigureGitVersion(GitVersionSettings settings) => settings;
}

/// <summary>The versions computed so far, one per build instance.</summary>
internal static class VersionCache
{
    public static PerBuild<BuildVersion> Versions { get; } = new();
}
