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

/// <summary>
/// The scan gate, the one place that decides: a report passes or fails (<see cref="Evaluate"/>, never from the scanner's
/// exit code), and an image may be tagged for pushing only when its own id passed (<see cref="Admit"/>), checked once,
/// by Tag; Push trusts the admission Tag records.
/// </summary>
internal static class ScanGate
{
    /// <summary>
    /// Judges whether an image may be tagged for pushing: admitted when its own id passed its scan, admitted under a
    /// waiver (logged as a warning) when <paramref name="allowUnscanned"/> lets an unscanned or failed image through,
    /// refused otherwise. The caller words the refusal for what it stops.
    /// </summary>
    public static GateDecision Admit(Images.ImageRecord record, bool allowUnscanned)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problem = Problem(record);
        if (problem is null) return GateDecision.Passed;
        var decision = new GateDecision(allowUnscanned, problem, record.Scan is { Passed: false } scan ? scan.Blocking : 0);
        if (decision.Waiver is { } waiver) Serilog.Log.Warning("{Waiver}", waiver);
        return decision;
    }

    private static string? Problem(Images.ImageRecord record) => record.Scan switch
    {
        null => $"The image {Short(record.ImageId)} was not scanned.",
        { Waived: true } => $"The scan of {Short(record.ImageId)} was waived, not run.",
        var scan when !string.Equals(scan.ImageId, record.ImageId, StringComparison.Ordinal) =>
            $"The scan in image.json is of {Short(scan.ImageId)}, but the image to push is {Short(record.ImageId)}.",
        { Passed: false } scan => $"The scan of {Short(record.ImageId)} failed: {scan.Blocking} finding(s) at or above {scan.Threshold}.",
        var scan when Unscanned(record, scan) is { Count: > 0 } missing =>
            $"The image index {Short(record.ImageId)} has platform images that were not scanned: {string.Join(", ", missing)}.",
        _ => null,
    };

    // The platforms of an index whose own manifest is not among those the scan covered.
    private static List<string> Unscanned(Images.ImageRecord record, Images.ScanRecord scan) =>
        [.. (record.Platforms ?? []).Where(p => scan.Platforms?.Contains(p.Digest, StringComparer.Ordinal) != true).Select(p => $"{p.Platform} ({Short(p.Digest)})")];

    private static string Short(string id) => id.Length > 19 ? id[..19] : id;

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

/// <summary>
/// The scan gate's answer for one image: admitted (its own scan passed, or under a waiver) or refused, with the reason
/// and the number of blocking findings.
/// </summary>
/// <param name="Admitted">True when the image may be tagged and pushed.</param>
/// <param name="Reason">Why the image does not pass the gate on its own scan; null when it does.</param>
/// <param name="Blocking">Findings at or above the threshold of a failed scan; 0 when it passed or was not run.</param>
internal sealed record GateDecision(bool Admitted, string? Reason, int Blocking)
{
    /// <summary>What ends a refusal: the ways out.</summary>
    public const string Fix = "Run TrivyScan and fix the findings, or waive the gate explicitly with --allow-unscanned.";

    /// <summary>An image whose own scan passed.</summary>
    public static GateDecision Passed { get; } = new(true, null, 0);

    /// <summary>The waiver text when <c>--allow-unscanned</c> let the image through; null otherwise.</summary>
    public string? Waiver => Admitted && Reason is not null ? $"SCAN GATE WAIVED with --allow-unscanned: {Reason}" : null;

    /// <summary>Returns the waiver (or null), or throws a refusal: the reason, what <paramref name="consequence"/> says was not done, and <see cref="Fix"/>.</summary>
    public string? WaiverOrThrow(string consequence) =>
        Admitted ? Waiver : throw new BuildFailedException($"{Reason} {consequence} {Fix}");
}
