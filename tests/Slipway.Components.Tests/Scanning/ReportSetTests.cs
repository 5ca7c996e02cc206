using System.Text.Json;
using Slipway.Components.Scanning;
using Slipway.Components.Scanning.Reports;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Scanning;

/// <summary>The reports of several images combined into the one SARIF and GitLab report path a CI file uploads.</summary>
public sealed class ReportSetTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 8, 4, 30, 5, TimeSpan.Zero);
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private Slipway.IO.AbsolutePath Scanned(string image, TrivyReport report, int offsetSeconds)
    {
        var input = new ScanReportInput(ScanGate.Evaluate(report, ReportSamples.ImageId, Severity.High, ignoreUnfixed: false),
            report, $"{image}:build", $"src/{image}/Dockerfile", 3, "0.69.3", s_start.AddSeconds(offsetSeconds), s_start.AddSeconds(offsetSeconds + 10));
        var folder = (_temp.Path / "trivy" / image).CreateDirectory();
        (folder / TrivyScanner.SarifName).WriteAllText(SarifReport.Write(input));
        (folder / TrivyScanner.GitLabReportName).WriteAllText(GitLabContainerScanningReport.Write(input));
        return folder;
    }

    [Fact]
    public void Sarif_has_one_run_per_image_each_its_own_category_and_gitlab_has_every_images_vulnerabilities()
    {
        var api = Scanned("contoso-api", ReportSamples.RealShaped(), 0);
        var worker = Scanned("contoso-worker", ReportSamples.With(("CRITICAL", "CVE-2026-0001", "1.2")), 20);

        ReportSet.Write(_temp.Path / "trivy", [("contoso-api", api), ("contoso-worker", worker)]);

        using var sarif = JsonDocument.Parse(File.ReadAllText(_temp.Path / "trivy" / TrivyScanner.SarifName));
        var runs = sarif.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["slipway/trivy/contoso-api/", "slipway/trivy/contoso-worker/"], runs.Select(r => r.GetProperty("automationDetails").GetProperty("id").GetString()));
        Assert.Equal([3, 1], runs.Select(r => r.GetProperty("results").GetArrayLength()));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        using var gitlab = JsonDocument.Parse(File.ReadAllText(_temp.Path / "trivy" / TrivyScanner.GitLabReportName));
        var images = gitlab.RootElement.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("location").GetProperty("image").GetString()).ToList();
        Assert.Equal(["contoso-api:build", "contoso-api:build", "contoso-api:build", "contoso-worker:build"], images);
        var scan = gitlab.RootElement.GetProperty("scan");
        Assert.Equal("2026-12-08T04:30:05", scan.GetProperty("start_time").GetString());
        Assert.Equal("2026-12-08T04:30:35", scan.GetProperty("end_time").GetString());
    }

    [Fact]
    public void An_image_without_reports_is_left_out_and_none_at_all_removes_an_earlier_runs_files()
    {
        var api = Scanned("contoso-api", ReportSamples.RealShaped(), 0);
        var worker = (_temp.Path / "trivy" / "contoso-worker").CreateDirectory();

        ReportSet.Write(_temp.Path / "trivy", [("contoso-api", api), ("contoso-worker", worker)]);
        using (var sarif = JsonDocument.Parse(File.ReadAllText(_temp.Path / "trivy" / TrivyScanner.SarifName)))
            Assert.Single(sarif.RootElement.GetProperty("runs").EnumerateArray());
        File.Delete(api / TrivyScanner.SarifName);
        File.Delete(api / TrivyScanner.GitLabReportName);
        ReportSet.Write(_temp.Path / "trivy", [("contoso-api", api), ("contoso-worker", worker)]);

        Assert.False(File.Exists(_temp.Path / "trivy" / TrivyScanner.SarifName));
        Assert.False(File.Exists(_temp.Path / "trivy" / TrivyScanner.GitLabReportName));
    }
}
