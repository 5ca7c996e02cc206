using System.Globalization;
using System.Text;
using Slipway.Processes;

namespace Slipway.Execution;

/// <summary>Where the engine's own time in a run went, for a verbose run's closing lines.</summary>
internal static class EngineTime
{
    /// <summary>
    /// <c>Engine time 0.24 s: start 72 ms; between tools 130 ms in 15 spans (the longest: 40 ms before docker buildx build, …);
    /// after the last tool 45 ms</c>. Spans shorter than a millisecond are counted, not listed.
    /// </summary>
    public static string Describe(TimeSpan startup, IReadOnlyList<EngineSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var before = spans.Count > 0 && spans[0].After is null && spans[0].Before is not null ? spans[0].Length : TimeSpan.Zero;
        var after = spans.Count > 0 && spans[^1].Before is null ? spans[^1].Length : TimeSpan.Zero;
        var between = spans.Where(s => s.After is not null && s.Before is not null).ToList();
        var total = startup + before + after + between.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Length);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Engine time {total.TotalSeconds:0.00} s: start {Ms(startup + before)}");
        if (between.Count > 0)
        {
            var sum = between.Aggregate(TimeSpan.Zero, (s, span) => s + span.Length);
            var longest = between.Where(s => s.Length >= TimeSpan.FromMilliseconds(1)).OrderByDescending(s => s.Length).Take(5)
                .Select(s => $"{Ms(s.Length)} between {s.After} and {s.Before}");
            text.Append(CultureInfo.InvariantCulture, $"; between tools {Ms(sum)} in {between.Count} spans (the longest: {string.Join(", ", longest)})");
        }
        return text.Append(CultureInfo.InvariantCulture, $"; after the last tool {Ms(after)}").ToString();
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
