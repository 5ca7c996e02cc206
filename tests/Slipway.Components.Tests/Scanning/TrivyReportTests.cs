using Slipway.Components.Scanning;

namespace Slipway.Components.Tests.Scanning;

public class TrivyReportTests
{
    [Fact]
    public void Reads_a_real_shaped_report_with_every_finding_and_its_target()
    {
        var report = ReportSamples.RealShaped();

        Assert.Equal(2, report.SchemaVersion);
        Assert.Equal(ReportSamples.ImageId, report.ArtifactName);
        Assert.Equal("debian 12.12", report.OperatingSystem);
        var findings = report.Findings.ToList();
        Assert.Equal(["CVE-2099-3001", "CVE-2099-3002", "GHSA-0000-0000-3003"], findings.Select(f => f.Id));
        var ssl = findings[0];
        Assert.Equal((Severity.High, "libssl3", "3.0.17-1~deb12u2", "3.0.17-1~deb12u3", true), (ssl.Severity, ssl.Package, ssl.Installed, ssl.Fixed, ssl.HasFix));
        Assert.Equal("acme-orders:build (debian 12.12)", ssl.Target);
        Assert.Equal(7.5, ssl.CvssScore);
        Assert.False(findings[1].HasFix);
        Assert.Equal("app/Acme.Orders.deps.json", findings[2].Target);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"SchemaVersion": 2, "Results": null}""")]
    [InlineData("""{"SchemaVersion": 2, "Results": []}""")]
    [InlineData("""{"SchemaVersion": 2, "Results": [null, {"Target": "x"}, {"Vulnerabilities": null}]}""")]
    [InlineData("""{"SchemaVersion": 2, "ArtifactName": "a", "Results": [{"Target": "x", "Class": "os-pkgs", "Vulnerabilities": [null]}]}""")]
    public void Reads_reports_with_missing_or_null_parts_as_having_no_findings(string json)
    {
        var report = TrivyReport.Parse(json, "test.json");

        Assert.Empty(report.Findings);
        Assert.Null(report.OperatingSystem);
    }

    [Fact]
    public void Treats_a_vulnerability_with_no_keys_as_an_unknown_finding_with_placeholders()
    {
        var report = TrivyReport.Parse("""{"Results": [{"Vulnerabilities": [{}]}]}""", "test.json");

        var finding = Assert.Single(report.Findings);
        Assert.Equal(Severity.Unknown, finding.Severity);
        Assert.Equal("(no id)", finding.Id);
        Assert.Equal("(unknown package)", finding.Package);
        Assert.Equal("", finding.Installed);
        Assert.False(finding.HasFix);
        Assert.Null(finding.CvssScore);
    }

    [Fact]
    public void Reads_severities_case_insensitively_and_unknown_words_as_unknown()
    {
        var report = TrivyReport.Parse(
            """{"Results": [{"Vulnerabilities": [{"Severity": "critical"}, {"Severity": "NEGLIGIBLE"}, {"Severity": null}]}]}""", "t.json");

        Assert.Equal([Severity.Critical, Severity.Unknown, Severity.Unknown], report.Findings.Select(f => f.Severity));
    }

    [Fact]
    public void Rejects_a_file_that_is_not_json_naming_the_file()
    {
        var ex = Assert.Throws<BuildFailedException>(() => TrivyReport.Parse("{\"Results\": [", "artifacts/trivy/trivy.json"));

        Assert.Contains("artifacts/trivy/trivy.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_json_null_report()
    {
        var ex = Assert.Throws<BuildFailedException>(() => TrivyReport.Parse("null", "trivy.json"));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_another_schema_version_instead_of_misreading_it()
    {
        var ex = Assert.Throws<BuildFailedException>(() => TrivyReport.Parse("""{"SchemaVersion": 3, "Results": []}""", "trivy.json"));

        Assert.Contains("schema version 3", ex.Message, StringComparison.Ordinal);
    }
}
