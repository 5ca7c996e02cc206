using Serilog.Events;

namespace Slipway.RunState;

/// <summary>
/// What the layers below the engine need of the run they are called in: its log, its secrets, its cancellation and its
/// tool clock. <see cref="RunContext"/> implements it; Logging, Processes and Hosts reach it through
/// <see cref="CurrentRun"/>, so they never see the engine's run type (and it can see them).
/// </summary>
internal interface IRunState
{
    /// <summary>Writes a log event, filtered by the run's level and masked.</summary>
    void Emit(LogEvent logEvent);

    /// <summary>Writes a raw line (workflow command, section marker) in order with the run's log lines.</summary>
    void WriteRaw(string line);

    /// <summary>Masks <paramref name="secret"/> in everything the run prints from now on.</summary>
    void AddSecret(string secret);

    /// <summary>The text with the run's secrets masked.</summary>
    string Mask(string text);

    /// <summary>Cancelled when the run is cancelled.</summary>
    CancellationToken Cancellation { get; }

    /// <summary>Counts a tool of the run as running until the returned scope is disposed.</summary>
    IDisposable StartTool(string tool);
}
