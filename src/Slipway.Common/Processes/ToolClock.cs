using System.Diagnostics;

namespace Slipway.Processes;

/// <summary>
/// Wall-clock time during which at least one tool process ran, so a run can say how much of it was the engine's own
/// work. Overlapping tools (parallel targets) count once. The spans between tools (the engine's time) are kept with the
/// tools on either side, so a verbose run can say where that time went.
/// </summary>
internal static class ToolClock
{
    private static readonly Lock s_gate = new();
    private static readonly List<EngineSpan> s_spans = [];
    private static int s_running;
    private static long s_startedAt;
    private static long s_busyTicks;
    private static long s_resetAt;
    private static long s_idleSince;
    private static string? s_lastTool;

    /// <summary>Tool time since the last <see cref="Reset"/>, including tools still running.</summary>
    public static TimeSpan Busy
    {
        get
        {
            lock (s_gate)
            {
                var ticks = s_busyTicks + (s_running > 0 ? Stopwatch.GetTimestamp() - s_startedAt : 0);
                return Stopwatch.GetElapsedTime(0, ticks);
            }
        }
    }

    /// <summary>
    /// The spans since the last <see cref="Reset"/> in which no tool ran, each with the tool that ended before it and the
    /// one that started after it (null at the start and end of the run), the span still open included.
    /// </summary>
    public static IReadOnlyList<EngineSpan> EngineSpans
    {
        get
        {
            lock (s_gate)
            {
                var spans = new List<EngineSpan>(s_spans);
                if (s_running == 0) spans.Add(Span(s_idleSince, Stopwatch.GetTimestamp(), null));
                return spans;
            }
        }
    }

    /// <summary>Starts a new count (one per engine run).</summary>
    public static void Reset()
    {
        lock (s_gate)
        {
            s_busyTicks = 0;
            s_resetAt = s_idleSince = s_startedAt = Stopwatch.GetTimestamp();
            s_lastTool = null;
            s_spans.Clear();
        }
    }

    /// <summary>Marks a tool process, named <paramref name="tool"/> for the record of spans, as running until the returned scope is disposed.</summary>
    public static Scope Start(string tool)
    {
        lock (s_gate)
        {
            if (s_running++ == 0)
            {
                s_startedAt = Stopwatch.GetTimestamp();
                s_spans.Add(Span(s_idleSince, s_startedAt, tool));
            }
        }
        return new Scope(tool);
    }

    private static void Stop(string tool)
    {
        lock (s_gate)
        {
            if (--s_running != 0) return;
            s_idleSince = Stopwatch.GetTimestamp();
            s_busyTicks += s_idleSince - s_startedAt;
            s_lastTool = tool;
        }
    }

    private static EngineSpan Span(long from, long to, string? before) =>
        new(Stopwatch.GetElapsedTime(s_resetAt, from), Stopwatch.GetElapsedTime(from, to), s_lastTool, before);

    /// <summary>The running span of one tool process.</summary>
    public sealed class Scope(string tool) : IDisposable
    {
        private int _stopped;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 0) Stop(tool);
        }
    }
}

/// <summary>A span of a run in which no tool ran: the engine's own time.</summary>
/// <param name="At">When it began, from the start of the count.</param>
/// <param name="Length">How long it lasted.</param>
/// <param name="After">The tool that ended just before it; null at the start of the run.</param>
/// <param name="Before">The tool that started right after it; null at the end of the run.</param>
internal readonly record struct EngineSpan(TimeSpan At, TimeSpan Length, string? After, string? Before);
