using System.Linq.Expressions;
using Slipway.Execution;
using Slipway.Hosts;
using Slipway.IO;

namespace Slipway;

/// <summary>
/// The base class of a build. Declare targets as <see cref="Target"/> properties, parameters as
/// <see cref="ParameterAttribute"/> members, and start it from <c>Main</c>:
/// <c>public static int Main() => Execute&lt;Build&gt;(x => x.Compile);</c>
/// </summary>
public abstract class SlipwayBuild : ISlipwayBuild, IEngineBuild
{
    internal BuildSession Session { get; private set; } = null!;

    BuildSession IEngineBuild.Session { set => Session = value; }

    /// <inheritdoc />
    public AbsolutePath RootDirectory => Session.RootDirectory;

    /// <inheritdoc />
    public AbsolutePath ArtifactsDirectory => BuildPaths.Artifacts(RootDirectory);

    /// <inheritdoc />
    public AbsolutePath TemporaryDirectory => BuildPaths.Temporary(RootDirectory);

    /// <inheritdoc />
    public Host Host => Session.Host;

    /// <summary>True in a developer's terminal, false on a CI service.</summary>
    public bool IsLocalBuild => !Host.IsServerBuild;

    /// <summary>True on a CI service.</summary>
    public bool IsServerBuild => Host.IsServerBuild;

    /// <inheritdoc />
    public RunContext Context => Session.Context;

    /// <inheritdoc />
    public T? TryGetValue<T>(Expression<Func<T>> parameter) => Session.Parameters.GetValue(parameter);

    /// <inheritdoc />
    public void ReportSummary(string note) => Session.ReportSummary(note);

    /// <inheritdoc />
    public void OnBuildFinished(Action cleanup) => Session.OnFinished(cleanup);

    /// <inheritdoc />
    public BuildInvocation Invocation => Session.Invocation ?? throw new InvalidOperationException("The run's targets are not known yet.");

    /// <summary>
    /// Runs the build with the process's command line and environment; returns the exit code.
    /// The given targets run when none are named on the command line.
    /// </summary>
    protected static int Execute<TBuild>(params Func<TBuild, Target>[] defaultTargets)
        where TBuild : SlipwayBuild, new()
    {
        var arguments = Environment.GetCommandLineArgs()[1..];
        JitProfile.Start(AppContext.BaseDirectory, arguments);
        return Engine.Run(new EngineOptions(arguments), defaultTargets);
    }
}
