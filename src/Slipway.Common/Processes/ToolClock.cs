using System.Diagnostics;

namespace Slipway.Processes;

/// <summary>
/// Wall-clock time during which at least one tool process ran, so a run can say how much of it was the engine's own
/// work. Overlapping tools (parallel targets) count once.
/// </summary>
internal static class ToolClock
{
    private static readonly Lock s_gate = new();
    private static int s_running;
    private static long s_startedAt;
    private static long s_busyTicks;

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

    /// <summary>Starts a new count (one per engine run).</summary>
    public static void Reset()
    {
        lock (s_gate)
        {
            s_busyTicks = 0;
            s_startedAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Marks a tool process as running until the returned scope is disposed.</summary>
    public static Scope Start()
    {
        lock (s_gate)
        {
            if (s_running++ == 0) s_startedAt = Stopwatch.GetTimestamp();
        }
        return new Scope();
    }

    private static void Stop()
    {
        lock (s_gate)
        {
            if (--s_running == 0) s_busyTicks += Stopwatch.GetTimestamp() - s_startedAt;
        }
    }

    /// <summary>The running span of one tool process.</summary>
    public readonly struct Scope : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Stop();
    }
}
