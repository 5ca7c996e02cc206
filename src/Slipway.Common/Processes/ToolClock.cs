using System.Diagnostics;
using Slipway.RunState;

namespace Slipway.Processes;

/// <summary>
/// Wall-clock time during which at least one tool process ran, so a run can say how much of it was the engine's own
/// work. Overlapping tools (parallel targets) count once. The spans between tools (the engine's time) are kept with the
/// tools on either side, so a verbose run can say where that time went. One per run (the run context).
/// </summary>
internal sealed class ToolClock
{
    private readonly Lock _gate = new();
    private readonly List<EngineSpan> _spans = [];
    private int _running;
    private long _startedAt;
    private long _busyTicks;
    private long _resetAt;
    private long _idleSince;
    private string? _lastTool;

    public ToolClock() => Reset();

    /// <summary>Tool time since the last <see cref="Reset"/>, including tools still running.</summary>
    public TimeSpan Busy
    {
        get
        {
            lock (_gate)
            {
                var ticks = _busyTicks + (_running > 0 ? Stopwatch.GetTimestamp() - _startedAt : 0);
                return Stopwatch.GetElapsedTime(0, ticks);
            }
        }
    }

    /// <summary>
    /// The spans since the last <see cref="Reset"/> in which no tool ran, each with the tool that ended before it and the
    /// one that started after it (null at the start and end of the run), the span still open included.
    /// </summary>
    public IReadOnlyList<EngineSpan> EngineSpans
    {
        get
        {
            lock (_gate)
            {
                var spans = new List<EngineSpan>(_spans);
                if (_running == 0) spans.Add(Span(_idleSince, Stopwatch.GetTimestamp(), null));
                return spans;
            }
        }
    }

    /// <summary>Starts a new count (one per engine run).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _busyTicks = 0;
            _resetAt = _idleSince = _startedAt = Stopwatch.GetTimestamp();
            _lastTool = null;
            _spans.Clear();
        }
    }

    /// <summary>Marks a tool of the calling flow's run as running until the returned scope is disposed; outside a run, nothing.</summary>
    public static IDisposable StartInRun(string tool) => CurrentRun.Value?.StartTool(tool) ?? NotCounted.Instance;

    /// <summary>Marks a tool process, named <paramref name="tool"/> for the record of spans, as running until the returned scope is disposed.</summary>
    public IDisposable Start(string tool)
    {
        lock (_gate)
        {
            if (_running++ == 0)
            {
                _startedAt = Stopwatch.GetTimestamp();
                _spans.Add(Span(_idleSince, _startedAt, tool));
            }
        }
        return new Scope(this, tool);
    }

    private void Stop(string tool)
    {
        lock (_gate)
        {
            if (--_running != 0) return;
            _idleSince = Stopwatch.GetTimestamp();
            _busyTicks += _idleSince - _startedAt;
            _lastTool = tool;
        }
    }

    private EngineSpan Span(long from, long to, string? before) =>
        new(Stopwatch.GetElapsedTime(_resetAt, from), Stopwatch.GetElapsedTime(from, to), _lastTool, before);

    private sealed class NotCounted : IDisposable
    {
        public static NotCounted Instance { get; } = new();

        public void Dispose()
        {
        }
    }

    /// <summary>The running span of one tool process.</summary>
    private sealed class Scope(ToolClock clock, string tool) : IDisposable
    {
        private int _stopped;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 0) clock.Stop(tool);
        }
    }
}

/// <summary>A span of a run in which no tool ran: the engine's own time.</summary>
/// <param name="At">When it began, from the start of the count.</param>
/// <param name="Length">How long it lasted.</param>
/// <param name="After">The tool that ended just before it; null at the start of the run.</param>
/// <param name="Before">The tool that started right after it; null at the end of the run.</param>
internal readonly record struct EngineSpan(TimeSpan At, TimeSpan Length, string? After, string? Before);
