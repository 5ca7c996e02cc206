using System.Text.Json;
using Slipway.Components.Scanning;

namespace Slipway.Components.Tests.Platforms;

public class PlatformReportsTests
{
    private static string Report(string target, string? id) => (
        "{'SchemaVersion':2,'ArtifactName':'layout','Metadata':{'OS':{'Family':'debian','Name':'12.12'}},'Results':[{'Target':'" + target + "','Class':'os-pkgs','Type':'debian'" +
        (id is null ? "" : ",'Vulnerabilities':[{'VulnerabilityID':'" + id + "','PkgName':'openssl','InstalledVersion':'3.0.1','FixedVersion':'3.0.2','Severity':'CRITICAL'}]") +
        "}]}").Replace('\'', '"');

    [Fact]
    public void Every_platforms_results_are_kept_and_each_names_its_platform()
    {
        var json = PlatformReports.Merge([("linux/amd64", Report("img (debian 12.12)", null)), ("linux/arm64", Report("img (debian 12.12)", "CVE-2026-0001"))], "acme-orders:build-1");

        var report = TrivyReport.Parse(json, "trivy.json");
        Assert.Equal("acme-orders:build-1", report.ArtifactName);
        Assert.Equal(["linux/amd64: img (debian 12.12)", "linux/arm64: img (debian 12.12)"], report.Results!.Select(r => r!.Target));
        var finding = Assert.Single(report.Findings);
        Assert.StartsWith("linux/arm64: ", finding.Target, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("linux/arm64", document.RootElement.GetProperty("Results")[1].GetProperty("Platform").GetString());
    }

    [Fact]
    public void A_CRITICAL_in_one_platform_fails_the_gate_for_the_index()
    {
        var json = PlatformReports.Merge([("linux/amd64", Report("img", null)), ("linux/arm64", Report("img", "CVE-2026-0001"))], "acme-orders:build-1");

        var verdict = ScanGate.Evaluate(TrivyReport.Parse(json, "trivy.json"), "sha256:index", Severity.High, ignoreUnfixed: false);

        Assert.False(verdict.Passed);
        Assert.Contains("[linux/arm64: img]", TrivyScanner.FailureMessage(verdict), StringComparison.Ordinal);
    }
}
