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

    /// <summary>The state of this run: its cancellation and the values computed once per run (<see cref="RunContext.Once{T}"/>).</summary>
    /// <exception cref="NotSupportedException">The build is not run by the engine.</exception>
    RunContext Context =>
        throw new NotSupportedException($"{GetType().Name} is not run by the Slipway engine, so it has no run; derive the build from SlipwayBuild.");

    /// <summary>The targets and (non-secret) parameters this run was invoked with.</summary>
    /// <exception cref="NotSupportedException">The build is not run by the engine.</exception>
    BuildInvocation Invocation =>
        throw new NotSupportedException($"{GetType().Name} is not run by the Slipway engine, so it has no invocation; derive the build from SlipwayBuild.");

    /// <summary>
    /// Runs <paramref name="cleanup"/> once the run's last target has finished, whatever the outcome (also when the build
    /// failed or was cancelled), in the reverse order of registration: a logout, a temporary credential file, a container.
    /// </summary>
    /// <exception cref="NotSupportedException">The build is not run by the engine (a hand-made implementation of this interface).</exception>
    void OnBuildFinished(Action cleanup) =>
        throw new NotSupportedException($"{GetType().Name} is not run by the Slipway engine, so nothing runs after it; derive the build from SlipwayBuild.");
}
