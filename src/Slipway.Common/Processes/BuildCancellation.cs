using Slipway.RunState;

namespace Slipway.Processes;

/// <summary>
/// The run's cancellation: cancelled on Ctrl-C or SIGTERM, when every running tool's process tree is killed. A component
/// passes <see cref="Token"/> to its own waits and requests, so a cancelled build stops there too. It is the token of
/// the run (<see cref="CurrentRun"/>) of the calling flow: cancelling one build never cancels another.
/// </summary>
public static class BuildCancellation
{
    /// <summary>The token of the run, cancelled on Ctrl-C or SIGTERM; <see cref="CancellationToken.None"/> outside a run.</summary>
    public static CancellationToken Token => CurrentRun.Value?.Cancellation ?? CancellationToken.None;
}
