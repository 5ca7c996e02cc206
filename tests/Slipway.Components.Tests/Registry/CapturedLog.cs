using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Slipway.Components.Tests.Registry;

/// <summary>The registry integration tests run one at a time: they replace Serilog's static logger to read what was printed.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RegistryIntegrationCollection
{
    public const string Name = "Registry integration";
}

/// <summary>Collects every log line (rendered) while it is the static logger.</summary>
internal sealed class CapturedLog : ILogEventSink, IDisposable
{
    private readonly List<string> _lines = [];
    private readonly ILogger _previous = Log.Logger;

    public CapturedLog() => Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public string Text
    {
        get
        {
            lock (_lines) return string.Join('\n', _lines);
        }
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        // Strings unquoted, as the engine's console shows them.
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is Serilog.Parsing.PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
                writer.Write(text);
            else
                token.Render(logEvent.Properties, writer, System.Globalization.CultureInfo.InvariantCulture);
        }
        var line = $"[{logEvent.Level}] {writer}";
        lock (_lines) _lines.Add(line);
    }

    public void Dispose() => Log.Logger = _previous;
}
