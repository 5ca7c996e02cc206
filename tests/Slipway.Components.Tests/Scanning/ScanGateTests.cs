using Slipway.Components.Scanning;

namespace Slipway.Components.Tests.Scanning;

public class ScanGateTests
{
    private static readonly TrivyReport s_mixed = ReportSamples.With(
        ("LOW", "CVE-L1", "1.1"),
        ("CRITICAL", "CVE-C1", null),
        ("MEDIUM", "CVE-M1", "1.2"),
        ("HIGH", "CVE-H1", null),
        ("MEDIUM", "CVE-M2", "1.3"),
        ("UNKNOWN", "CVE-U1", null));

    [Theory]
    [InlineData(Severity.Critical, 1)]
    [InlineData(Severity.High, 2)]
    [InlineData(Severity.Medium, 4)]
    [InlineData(Severity.Low, 5)]
    [InlineData(Severity.Unknown, 6)]
    public void Blocks_every_finding_at_or_above_the_threshold(Severity threshold, int blocking)
    {
        var verdict = ScanGate.Evaluate(s_mixed, ReportSamples.ImageId, threshold, ignoreUnfixed: false);

        Assert.Equal(blocking, verdict.Blocking.Count);
        Assert.All(verdict.Blocking, f => Assert.True(f.Severity >= threshold));
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void Passes_when_no_finding_reaches_the_threshold()
    {
        var report = ReportSamples.With(("MEDIUM", "CVE-M1", "1.2"), ("LOW", "CVE-L1", null));

        var verdict = ScanGate.Evaluate(report, ReportSamples.ImageId, Severity.High, ignoreUnfixed: false);

        Assert.True(verdict.Passed);
        Assert.Empty(verdict.Blocking);
        Assert.Equal(2, verdict.Findings.Count);
    }

    [Fact]
    public void Passes_a_report_without_findings_and_says_so()
    {
        var verdict = ScanGate.Evaluate(TrivyReport.Parse("{}", "t"), ReportSamples.ImageId, Severity.Low, ignoreUnfixed: false);

        Assert.True(verdict.Passed);
        Assert.Equal("trivy: 0 blocking (no findings)", verdict.SummaryNote);
        Assert.All(verdict.Counts.Values, c => Assert.Equal(0, c));
    }

    [Fact]
    public void Ignore_unfixed_leaves_out_findings_without_a_fixed_version_so_unfixable_ones_do_not_block()
    {
        var strict = ScanGate.Evaluate(s_mixed, ReportSamples.ImageId, Severity.High, ignoreUnfixed: false);
        var lenient = ScanGate.Evaluate(s_mixed, ReportSamples.ImageId, Severity.High, ignoreUnfixed: true);

        Assert.False(strict.Passed);
        Assert.True(lenient.Passed);
        Assert.Equal(["CVE-M1", "CVE-M2", "CVE-L1"], lenient.Findings.Select(f => f.Id));
        Assert.Equal("trivy: 0 blocking (2 MEDIUM, 1 LOW)", lenient.SummaryNote);
    }

    [Fact]
    public void Counts_findings_per_severity_with_every_severity_present()
    {
        var verdict = ScanGate.Evaluate(s_mixed, ReportSamples.ImageId, Severity.High, ignoreUnfixed: false);

        Assert.Equal(
            new Dictionary<string, int> { ["CRITICAL"] = 1, ["HIGH"] = 1, ["MEDIUM"] = 2, ["LOW"] = 1, ["UNKNOWN"] = 1 },
            verdict.Counts);
        Assert.Equal("trivy: 2 blocking (1 CRITICAL, 1 HIGH, 2 MEDIUM, 1 LOW, 1 UNKNOWN)", verdict.SummaryNote);
    }

    [Fact]
    public void Orders_findings_highest_severity_first_then_by_id()
    {
        var verdict = ScanGate.Evaluate(s_mixed, ReportSamples.ImageId, Severity.High, ignoreUnfixed: false);

        Assert.Equal(["CVE-C1", "CVE-H1", "CVE-M1", "CVE-M2", "CVE-L1", "CVE-U1"], verdict.Findings.Select(f => f.Id));
    }

    [Fact]
    public void Failure_message_names_every_blocking_finding_and_the_ways_out()
    {
        var verdict = ScanGate.Evaluate(s_mixed, ReportSamples.ImageId, Severity.High, ignoreUnfixed: false);

        var message = TrivyScanner.FailureMessage(verdict);

        Assert.Contains("2 finding(s) at or above HIGH", message, StringComparison.Ordinal);
        Assert.Contains("CRITICAL CVE-C1 in pkg-CVE-C1 1.0 (no fix yet)", message, StringComparison.Ordinal);
        Assert.Contains("HIGH CVE-H1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("CVE-M1", message, StringComparison.Ordinal);
        Assert.Contains(".trivyignore", message, StringComparison.Ordinal);
        Assert.Contains("--severity-threshold", message, StringComparison.Ordinal);
    }
}
