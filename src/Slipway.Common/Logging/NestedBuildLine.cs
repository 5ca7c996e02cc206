using Serilog.Events;

namespace Slipway.Logging;

/// <summary>
/// Logs a line of tool output. A line another Slipway build printed (<c>WRN text</c>) keeps its level and loses its
/// prefix, so a build that runs a build shows <c>WRN text</c>, not <c>INF WRN text</c>. Such lines are not turned into
/// CI annotations a second time: the inner build already wrote its own.
/// </summary>
internal static class NestedBuildLine
{
    /// <summary>The log property that marks a line relayed from a tool's output.</summary>
    public const string ToolOutputProperty = "ToolOutput";

    /// <summary>Logs <paramref name="text"/> at the level it names, marked as tool output.</summary>
    public static void Log(string text)
    {
        var (level, message) = Parse(text);
        Serilog.Log.ForContext(ToolOutputProperty, true).Write(level, "{Output}", message);
    }

    /// <summary>The level a line names with Slipway's console prefix, and the rest of the line; Information and the whole line otherwise.</summary>
    internal static (LogEventLevel Level, string Message) Parse(string text)
    {
        if (text.Length < 4 || text[3] != ' ') return (LogEventLevel.Information, text);
        LogEventLevel? level = text[..3] switch
        {
            "VRB" => LogEventLevel.Verbose,
            "DBG" => LogEventLevel.Debug,
            "INF" => LogEventLevel.Information,
            "WRN" => LogEventLevel.Warning,
            "ERR" => LogEventLevel.Error,
            "FTL" => LogEventLevel.Fatal,
            _ => null,
        };
        return level is { } known ? (known, text[4..]) : (LogEventLevel.Information, text);
    }
}
