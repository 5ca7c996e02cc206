using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Components.Scanning;
using Slipway.Components.Scanning.Reports;

namespace Slipway.Components.Tests.Scanning;

public class ReportWriterTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 28, 4, 30, 5, 123, TimeSpan.Zero);

    private static ScanReportInput Input(TrivyReport report, Severity threshold = Severity.High) => new(
        ScanGate.Evaluate(report, ReportSamples.ImageId, threshold, ignoreUnfixed: false),
        report, "acme-orders:build", "src/Acme.Orders/Dockerfile", 14, "0.69.3", s_start, s_start.AddSeconds(42));

    [Fact]
    public void Sarif_is_a_2_1_0_log_with_one_rule_per_id_and_one_located_result_per_finding()
    {
        using var sarif = JsonDocument.Parse(SarifReport.Write(Input(ReportSamples.RealShaped())));
        var root = sarif.RootElement;

        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("Trivy", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, rules.Count);
        Assert.Equal(3, results.Count);
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("src/Acme.Orders/Dockerfile", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(14, location.GetProperty("region").GetProperty("startLine").GetInt32());
        }
        Assert.Equal(["error", "warning", "note"], results.Select(r => r.GetProperty("level").GetString()));
        Assert.Equal("8.0", rules[0].GetProperty("properties").GetProperty("security-severity").GetString());
    }

    [Fact]
    public void Sarif_of_a_clean_scan_has_a_run_with_no_results()
    {
        using var sarif = JsonDocument.Parse(SarifReport.Write(Input(TrivyReport.Parse("{}", "t"))));

        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(0, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public void GitLab_report_follows_the_container_scanning_schema()
    {
        using var gitlab = JsonDocument.Parse(GitLabContainerScanningReport.Write(Input(ReportSamples.RealShaped())));
        var root = gitlab.RootElement;

        Assert.Matches(@"^15\.\d+\.\d+$", root.GetProperty("version").GetString());
        var vulnerabilities = root.GetProperty("vulnerabilities").EnumerateArray().ToList();
        Assert.Equal(3, vulnerabilities.Count);
        var first = vulnerabilities[0];
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first.GetProperty("id").GetString());
        Assert.Equal("High", first.GetProperty("severity").GetString());
        var location = first.GetProperty("location");
        Assert.Equal("acme-orders:build", location.GetProperty("image").GetString());
        Assert.Equal("debian 12.12", location.GetProperty("operating_system").GetString());
        Assert.Equal("libssl3", location.GetProperty("dependency").GetProperty("package").GetProperty("name").GetString());
        Assert.Equal("3.0.17-1~deb12u2", location.GetProperty("dependency").GetProperty("version").GetString());
        var identifier = Assert.Single(first.GetProperty("identifiers").EnumerateArray());
        Assert.Equal(("cve", "CVE-2099-3001", "CVE-2099-3001"),
            (identifier.GetProperty("type").GetString(), identifier.GetProperty("name").GetString(), identifier.GetProperty("value").GetString()));
        Assert.Equal("ghsa", vulnerabilities[1].GetProperty("identifiers")[0].GetProperty("type").GetString());
        Assert.Equal(vulnerabilities.Count, vulnerabilities.Select(v => v.GetProperty("id").GetString()).Distinct().Count());

        var scan = root.GetProperty("scan");
        Assert.Equal("container_scanning", scan.GetProperty("type").GetString());
        Assert.Equal("success", scan.GetProperty("status").GetString());
        Assert.Equal("2026-11-28T04:30:05", scan.GetProperty("start_time").GetString());
        Assert.Equal("2026-11-28T04:30:47", scan.GetProperty("end_time").GetString());
        Assert.Equal("trivy", scan.GetProperty("scanner").GetProperty("id").GetString());
        Assert.Equal("0.69.3", scan.GetProperty("scanner").GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(scan.GetProperty("analyzer").GetProperty("vendor").GetProperty("name").GetString()));
    }

    [Fact]
    public void GitLab_ids_stay_the_same_across_scans_of_the_same_finding()
    {
        string Ids() => string.Join(",", JsonDocument.Parse(GitLabContainerScanningReport.Write(Input(ReportSamples.RealShaped())))
            .RootElement.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("id").GetString()));

        Assert.Equal(Ids(), Ids());
    }

    [Fact]
    public void Markdown_summary_shows_the_verdict_counts_and_findings_with_blocking_ones_in_bold()
    {
        var markdown = MarkdownSummary.Write(Input(ReportSamples.RealShaped()));

        Assert.StartsWith("### Trivy scan: failed", markdown, StringComparison.Ordinal);
        Assert.Contains("| CRITICAL | HIGH | MEDIUM | LOW | UNKNOWN |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 0 | 1 | 1 | 1 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **HIGH** | [CVE-2099-3001](https://avd.aquasec.com/nvd/cve-2099-3001) | libssl3 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| MEDIUM | [GHSA-0000-0000-3003]", markdown, StringComparison.Ordinal);
        Assert.Contains("threshold **HIGH**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_summary_lists_at_most_fifty_findings_and_points_to_the_rest()
    {
        var many = ReportSamples.With([.. Enumerable.Range(1, 60).Select(i => ("LOW", $"CVE-2099-{i:0000}", (string?)"2"))]);

        var markdown = MarkdownSummary.Write(Input(many));

        Assert.StartsWith("### Trivy scan: passed", markdown, StringComparison.Ordinal);
        Assert.Equal(MarkdownSummary.MaxRows, Regex.Count(markdown, @"^\| LOW \|", RegexOptions.Multiline));
        Assert.Contains("…and 10 more", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_table_aligns_columns_and_marks_a_missing_fix()
    {
        var verdict = ScanGate.Evaluate(ReportSamples.RealShaped(), ReportSamples.ImageId, Severity.High, ignoreUnfixed: false);

        var lines = FindingsTable.Format(verdict.Findings);

        Assert.Equal(5, lines.Count);
        Assert.StartsWith("SEVERITY  ID ", lines[0], StringComparison.Ordinal);
        Assert.Matches("^-+  -+  -+", lines[1]);
        var idColumn = lines[0].IndexOf("ID", StringComparison.Ordinal);
        Assert.All(lines.Skip(2), l => Assert.Equal(' ', l[idColumn - 1]));
        Assert.StartsWith("HIGH ", lines[2], StringComparison.Ordinal);
        Assert.Contains(" - ", lines[4], StringComparison.Ordinal); // libc6 has no fixed version
        Assert.Contains("CVE-2099-3002", lines[4], StringComparison.Ordinal);
    }
}
