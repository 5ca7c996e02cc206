using System.Globalization;
using System.Text;

namespace Slipway.Components.Scanning.Reports;

/// <summary>The scan as Markdown for <c>artifacts/trivy/trivy.md</c> and the CI run's summary page.</summary>
internal static class MarkdownSummary
{
    /// <summary>At most this many findings are listed; the full list is in the JSON report.</summary>
    internal const int MaxRows = 50;

    public static string Write(ScanReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var verdict = input.Verdict;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"### Trivy scan: {(verdict.Passed ? "passed ✅" : "failed ❌")}");
        sb.AppendLine();
        var unfixed = verdict.IgnoreUnfixed ? ", findings without a fix ignored" : "";
        sb.AppendLine(inv, $"Image `{Cell(input.ImageReference)}` (`{verdict.ImageId}`), threshold **{verdict.Threshold.ToTrivy()}**{unfixed}, {verdict.Blocking.Count} blocking.");
        sb.AppendLine();
        sb.AppendLine("| " + string.Join(" | ", SeverityNames.HighestFirst.Select(s => s.ToTrivy())) + " |");
        sb.AppendLine("|" + string.Concat(SeverityNames.HighestFirst.Select(_ => " ---: |")));
        sb.AppendLine("| " + string.Join(" | ", SeverityNames.HighestFirst.Select(s => verdict.Counts[s.ToTrivy()].ToString(inv))) + " |");

        if (verdict.Findings.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| Severity | Id | Package | Installed | Fixed | Target |");
            sb.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var f in verdict.Findings.Take(MaxRows))
            {
                var id = f.Vulnerability.PrimaryURL is { } url ? $"[{Cell(f.Id)}]({url})" : Cell(f.Id);
                var severity = f.Severity >= verdict.Threshold ? $"**{f.Severity.ToTrivy()}**" : f.Severity.ToTrivy();
                sb.AppendLine(inv, $"| {severity} | {id} | {Cell(f.Package)} | {Cell(f.Installed)} | {(f.HasFix ? Cell(f.Fixed) : "–")} | {Cell(f.Target)} |");
            }
            if (verdict.Findings.Count > MaxRows)
            {
                sb.AppendLine();
                sb.AppendLine(inv, $"…and {verdict.Findings.Count - MaxRows} more in `artifacts/trivy/trivy.json`.");
            }
        }
        return sb.ToString();
    }

    // A pipe or line break would end the table cell.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
