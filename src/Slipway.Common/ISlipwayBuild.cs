using System.Linq.Expressions;
using Slipway.Hosts;
using Slipway.IO;

namespace Slipway;

/// <summary>
/// What every build and every component sees: the repository's directories, the host it runs on,
/// parameter values and the run's summary. Components are interfaces deriving from this one.
/// </summary>
public interface ISlipwayBuild
{
    /// <summary>The repository root: the nearest directory upwards that holds <c>.nuke/</c>.</summary>
    AbsolutePath RootDirectory { get; }

    /// <summary><c>artifacts/</c> under the root.</summary>
    AbsolutePath ArtifactsDirectory => BuildPaths.Artifacts(RootDirectory);

    /// <summary><c>.nuke/temp/</c> under the root (git-ignored).</summary>
    AbsolutePath TemporaryDirectory => BuildPaths.Temporary(RootDirectory);

    /// <summary>The terminal or CI service running the build.</summary>
    Host Host { get; }

    /// <summary>The value of a parameter declared on a component, or null when none was given.</summary>
    /// <example><c>[Parameter("Registry")] string? Registry => TryGetValue(() => Registry);</c></example>
    T? TryGetValue<T>(Expression<Func<T>> parameter);

    /// <summary>Adds a note to the summary row of the running target.</summary>
    void ReportSummary(string note);
}
