using Serilog.Events;
using Serilog.Parsing;
using Slipway.Hosts;
using Slipway.RunState;

namespace Slipway.Logging;

/// <summary>
/// Writes a run's log events as single lines, the run's secrets masked, coloured only on a terminal, prefixed with the
/// running target when targets run in parallel. Errors and warnings with <c>SourceFile</c>/<c>SourceLine</c>
/// properties also become host annotations.
/// </summary>
internal sealed class ConsoleSink(Host host, TextWriter output, IRunState run)
{
    private readonly Lock _gate = new();

    /// <summary>Whether lines start with the running target's name (the executor turns it on while targets run in parallel).</summary>
    internal bool PrefixWithTarget { get; set; }

    /// <summary>Writes an event now, deferred or not.</summary>
    internal void Write(LogEvent logEvent)
    {
        var message = run.Mask(Render(logEvent));
        if (logEvent.Exception is { } ex && logEvent.Level >= LogEventLevel.Error && ex is not BuildFailedException)
            message += Environment.NewLine + run.Mask(ex.ToString());

        var prefix = PrefixWithTarget && TargetContext.Current is { } target ? $"[{target}] " : "";
        var level = logEvent.Level switch
        {
            LogEventLevel.Verbose => "VRB",
            LogEventLevel.Debug => "DBG",
            LogEventLevel.Information => "INF",
            LogEventLevel.Warning => "WRN",
            LogEventLevel.Error => "ERR",
            _ => "FTL",
        };
        var color = host.SupportsColor ? logEvent.Level switch
        {
            LogEventLevel.Verbose or LogEventLevel.Debug => "\u001b[90m",
            LogEventLevel.Warning => "\u001b[33m",
            >= LogEventLevel.Error => "\u001b[31;1m",
            _ => "",
        } : "";
        var reset = color.Length > 0 ? "\u001b[0m" : "";

        string? annotation = null;
        if (logEvent.Level >= LogEventLevel.Warning && !logEvent.Properties.ContainsKey(NestedBuildLine.ToolOutputProperty))
        {
            var file = Scalar(logEvent, Annotations.SourceFile)?.ToString();
            var line = Scalar(logEvent, Annotations.SourceLine) is { } l && int.TryParse(l.ToString(), out var n) ? n : (int?)null;
            annotation = host.Annotation(logEvent.Level >= LogEventLevel.Error, message, file, line);
        }

        lock (_gate)
        {
            foreach (var text in message.Split('\n'))
                output.WriteLine($"{color}{level} {prefix}{text.TrimEnd('\r')}{reset}");
            if (annotation is not null) output.WriteLine(annotation);
            output.Flush();
        }
    }

    /// <summary>Writes a raw line (section markers, workflow commands), masked unless it is the host's own mask command.</summary>
    internal void WriteRaw(string line, bool mask = true)
    {
        lock (_gate)
        {
            output.WriteLine(mask ? run.Mask(line) : line);
            output.Flush();
        }
    }

    // Like RenderMessage, but strings appear as they are, not in quotes: this is a console for people.
    private static string Render(LogEvent logEvent)
    {
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text } && property.Format is null)
                writer.Write(text);
            else
                token.Render(logEvent.Properties, writer, System.Globalization.CultureInfo.InvariantCulture);
        }
        return writer.ToString();
    }

    private static object? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue scalar ? scalar.Value : null;
}
