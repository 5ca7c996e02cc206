using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Slipway.Common.Tests.Processes;

/// <summary>Helpers for running real processes: a POSIX shell is required, and processes can be checked for being gone.</summary>
internal static class ProcessProbe
{
    public static void RequirePosixShell() =>
        Skip.If(OperatingSystem.IsWindows(), "these tests start bash, cat and sleep");

    /// <summary>True when the process no longer exists (or is only a zombie waiting to be reaped), polling up to five seconds.</summary>
    public static bool IsGone(int pid)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var status = $"/proc/{pid}/status";
            if (!File.Exists(status)) return true;
            try
            {
                if (File.ReadLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal))) return true;
            }
            catch (IOException)
            {
                return true;
            }
            Thread.Sleep(100);
        }
        return false;
    }
}

/// <summary>Routes Serilog's static logger into a list for one test, then puts the previous logger back.</summary>
internal sealed class LogCapture : ILogEventSink, IDisposable
{
    private readonly ILogger _previous = Log.Logger;
    private readonly List<string> _messages = [];

    public LogCapture() => Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages) return [.. _messages];
        }
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        // Property values as the console shows them: strings unquoted.
        var text = logEvent.MessageTemplate.Text;
        foreach (var (name, value) in logEvent.Properties)
            text = text.Replace("{" + name + "}", value is ScalarValue { Value: var raw } ? raw?.ToString() : value.ToString(), StringComparison.Ordinal);
        lock (_messages) _messages.Add(text);
    }

    public void Dispose() => Log.Logger = _previous;
}
