using System.Globalization;

namespace Slipway.Components.Scanning;

/// <summary>The gate's decision on one report: every finding, the counts and the findings that block.</summary>
internal sealed record ScanVerdict
{
    /// <summary>The image that was scanned.</summary>
    public required string ImageId { get; init; }

    /// <summary>The lowest severity that blocks.</summary>
    public required Severity Threshold { get; init; }

    /// <summary>Whether findings without a fixed version were left out.</summary>
    public required bool IgnoreUnfixed { get; init; }

    /// <summary>The findings that count, highest severity first.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>Findings at or above the threshold, highest severity first.</summary>
    public IReadOnlyList<Finding> Blocking => [.. Findings.Where(f => f.Severity >= Threshold)];

    /// <summary>True when nothing blocks.</summary>
    public bool Passed => !Findings.Any(f => f.Severity >= Threshold);

    /// <summary>Findings per severity name (<c>CRITICAL</c>…<c>UNKNOWN</c>), every severity present.</summary>
    public IReadOnlyDictionary<string, int> Counts =>
        SeverityNames.HighestFirst.ToDictionary(s => s.ToTrivy(), s => Findings.Count(f => f.Severity == s));

    /// <summary>The build summary note, e.g. <c>trivy: 0 blocking (2 MEDIUM, 1 LOW)</c>.</summary>
    public string SummaryNote
    {
        get
        {
            var counts = SeverityNames.HighestFirst
                .Select(s => (Name: s.ToTrivy(), Count: Findings.Count(f => f.Severity == s)))
                .Where(c => c.Count > 0)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Count} {c.Name}"))
                .ToList();
            var detail = counts.Count == 0 ? "no findings" : string.Join(", ", counts);
            return string.Create(CultureInfo.InvariantCulture, $"trivy: {Blocking.Count} blocking ({detail})");
        }
    }
}

/// <summary>Decides pass or fail from a parsed report, never from the scanner's exit code.</summary>
internal static class ScanGate
{
    /// <summary>
    /// Judges a report. With <paramref name="ignoreUnfixed"/>, findings without a fixed version are left out
    /// (Trivy's <c>--ignore-unfixed</c> already does this; the gate enforces it for any report).
    /// </summary>
    public static ScanVerdict Evaluate(TrivyReport report, string imageId, Severity threshold, bool ignoreUnfixed)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.Findings
            .Where(f => !ignoreUnfixed || f.HasFix)
            .Order(Finding.BySeverity)
            .ToList();
        return new ScanVerdict { ImageId = imageId, Threshold = threshold, IgnoreUnfixed = ignoreUnfixed, Findings = findings };
    }
}
