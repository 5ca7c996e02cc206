using Serilog;
using Serilog.Core;
using Serilog.Events;
using Slipway.RunState;

namespace Slipway.Logging;

/// <summary>
/// Serilog's static <see cref="Log"/> during runs: one logger, built once and never changed, that holds no run state. Its
/// sink hands each event to the run of the flow that logged it (<see cref="CurrentRun"/>), which filters it by the run's
/// verbosity, masks it and writes it to the run's output; an event logged outside any run is dropped, as Serilog's silent
/// default logger would. So components keep calling <c>Log.Information(...)</c>, and two runs at once keep their own logs.
/// </summary>
internal static class BuildLog
{
    /// <summary>The logger the engine installs as <see cref="Log.Logger"/>.</summary>
    public static Logger Router { get; } = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new RunSink()).CreateLogger();

    /// <summary>Writes a raw line (workflow command, section marker) in order with the run's log lines.</summary>
    public static void Raw(string? line)
    {
        if (line is null) return;
        if (CurrentRun.Value is { } run) run.WriteRaw(line);
        else Console.Out.WriteLine(line);
    }

    private sealed class RunSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => CurrentRun.Value?.Emit(logEvent);
    }
}
