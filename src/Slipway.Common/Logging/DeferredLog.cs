using Serilog.Events;

namespace Slipway.Logging;

/// <summary>
/// The log of a target's preparation (<c>Prepares</c>): kept until the target starts, then written under its header, in
/// order; afterwards the preparation's events are written as they come. A target that never runs leaves only the
/// warnings and errors of its preparation, written when the run ends.
/// </summary>
internal sealed class DeferredLog
{
    private static readonly AsyncLocal<DeferredLog?> s_current = new();
    private readonly Lock _gate = new();
    private List<LogEvent>? _events = [];

    /// <summary>The deferred log of the preparation running on this async flow, if any.</summary>
    public static DeferredLog? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Keeps <paramref name="logEvent"/> for later; false once the log is released (write it now).</summary>
    public bool TryDefer(LogEvent logEvent)
    {
        lock (_gate)
        {
            _events?.Add(logEvent);
            return _events is not null;
        }
    }

    /// <summary>
    /// Writes the kept events at <paramref name="minimumLevel"/> or above through <paramref name="write"/>, in order, and
    /// stops deferring; an event logged meanwhile waits until they are written.
    /// </summary>
    public void Release(Action<LogEvent> write, LogEventLevel minimumLevel = LogEventLevel.Verbose)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            foreach (var logEvent in _events ?? []) if (logEvent.Level >= minimumLevel) write(logEvent);
            _events = null;
        }
    }
}
