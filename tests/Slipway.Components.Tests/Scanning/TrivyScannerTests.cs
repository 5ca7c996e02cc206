using System.Text.Json;
using Slipway.Components.Images;
using Slipway.Components.Scanning;

namespace Slipway.Components.Tests.Scanning;

/// <summary>The whole scan through the Trivy stand-in: the verdict, the files in artifacts/trivy and the record in image.json.</summary>
public class TrivyScannerTests
{
    [SkippableFact]
    public async Task Passes_a_clean_image_writes_every_report_and_records_a_passing_scan_of_that_image_id()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);
        using var repo = new TrivyStandIn();

        var outcome = await repo.ScanAsync("clean");

        Assert.True(outcome.Verdict.Passed);
        Assert.Equal("trivy: 0 blocking (no findings)", outcome.Verdict.SummaryNote);
        foreach (var name in new[] { "trivy.json", "trivy.sarif", "gl-container-scanning-report.json", "trivy.md" })
            Assert.True((repo.OutputDirectory / name).FileExists(), $"{name} was not written");
        using (var report = JsonDocument.Parse((repo.OutputDirectory / "trivy.json").ReadAllText()))
            Assert.Equal(TrivyStandIn.ImageId, report.RootElement.GetProperty("ArtifactName").GetString());
        var scanned = File.ReadAllLines(repo.ArgsLog);
        Assert.Equal("image", scanned[0]);
        Assert.Contains(TrivyStandIn.ImageId, scanned);

        var record = ImageRecord.Read(repo.RecordFile)!;
        Assert.Equal("acme-orders:build", record.LocalReference);
        var scan = Assert.IsType<ScanRecord>(record.Scan);
        Assert.Equal((TrivyStandIn.ImageId, true, "HIGH", 0), (scan.ImageId, scan.Passed, scan.Threshold, scan.Blocking));
        Assert.Equal(0, scan.Counts["CRITICAL"]);
    }

    [SkippableFact]
    public async Task Fails_an_image_with_a_critical_finding_and_records_the_failed_scan()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);
        using var repo = new TrivyStandIn();

        var outcome = await repo.ScanAsync("critical-fixed");

        Assert.False(outcome.Verdict.Passed);
        Assert.Equal("CVE-2099-1001", Assert.Single(outcome.Verdict.Blocking).Id);
        Assert.Equal("trivy: 1 blocking (1 CRITICAL, 1 LOW)", outcome.Verdict.SummaryNote);
        Assert.Contains("CRITICAL CVE-2099-1001 in libssl3", TrivyScanner.FailureMessage(outcome.Verdict), StringComparison.Ordinal);
        var scan = ImageRecord.Read(repo.RecordFile)!.Scan!;
        Assert.False(scan.Passed);
        Assert.Equal(1, scan.Blocking);
        Assert.Equal(1, scan.Counts["LOW"]);
        using var sarif = JsonDocument.Parse((repo.OutputDirectory / "trivy.sarif").ReadAllText());
        var location = sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0];
        Assert.Equal(4, location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [SkippableFact]
    public async Task Ignore_unfixed_lets_an_image_whose_blocking_findings_have_no_fix_pass()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);
        using var repo = new TrivyStandIn();

        var strict = await repo.ScanAsync("mixed");
        var lenient = await repo.ScanAsync("mixed", ignoreUnfixed: true);

        Assert.False(strict.Verdict.Passed);
        Assert.True(lenient.Verdict.Passed);
        Assert.Equal("trivy: 0 blocking (2 MEDIUM, 1 LOW)", lenient.Verdict.SummaryNote);
        Assert.Contains("--ignore-unfixed", File.ReadAllLines(repo.ArgsLog));
        Assert.True(ImageRecord.Read(repo.RecordFile)!.Scan!.Passed);
    }

    [SkippableFact]
    public async Task Honours_trivyignore_at_the_repository_root()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);
        using var repo = new TrivyStandIn();
        (repo.Root / ".trivyignore").WriteAllText("# accepted until the base image is fixed\nCVE-2099-1001 exp:2099-12-31\n");

        var outcome = await repo.ScanAsync("critical-fixed");

        Assert.True(outcome.Verdict.Passed);
        Assert.DoesNotContain(outcome.Verdict.Findings, f => f.Id == "CVE-2099-1001");
        Assert.Contains((repo.Root / ".trivyignore").ToString(), File.ReadAllLines(repo.ArgsLog));
    }

    [SkippableFact]
    public async Task Threshold_critical_lets_high_findings_through()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);
        using var repo = new TrivyStandIn();

        var outcome = await repo.ScanAsync("mixed", threshold: Severity.Critical);

        Assert.Equal(["CVE-2099-2001"], outcome.Verdict.Blocking.Select(f => f.Id));
        Assert.Equal("CRITICAL", ImageRecord.Read(repo.RecordFile)!.Scan!.Threshold);
    }

    [SkippableFact]
    public async Task A_scanner_crash_is_a_clear_failure_not_a_pass_and_records_no_scan()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);
        using var repo = new TrivyStandIn();
        (repo.OutputDirectory / "trivy.json").WriteAllText("""{"SchemaVersion": 2}"""); // a stale report must not count

        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => repo.ScanAsync("clean", crash: true));

        Assert.Contains("Trivy exited with code 1 without writing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TRIVY_STANDIN_CRASH", ex.Message, StringComparison.Ordinal);
        Assert.Null(ImageRecord.Read(repo.RecordFile)!.Scan);
    }

    [Fact]
    public async Task Without_an_image_record_it_asks_for_DockerBuild_first()
    {
        using var repo = new TrivyStandIn(writeImageRecord: false);

        var ex = await Assert.ThrowsAsync<BuildFailedException>(() => repo.ScanAsync("clean"));

        Assert.Contains("run DockerBuild first", ex.Message, StringComparison.Ordinal);
        Assert.False(repo.OutputDirectory.DirectoryExists());
    }
}
