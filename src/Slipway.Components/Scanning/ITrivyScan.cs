using Serilog;
using Slipway.Components.Images;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Scanning;

/// <summary>
/// The vulnerability gate: scans exactly the image DockerBuild recorded in <c>artifacts/image.json</c> with Trivy,
/// fails on findings at or above <see cref="SeverityThreshold"/>, writes JSON, SARIF, GitLab and Markdown reports to
/// <c>artifacts/trivy/</c> and records the verdict for Push, which pushes only a scanned, passing image id.
/// </summary>
public interface ITrivyScan : IContainerImage
{
    /// <summary>The lowest severity that fails the scan (default <see cref="Severity.High"/>).</summary>
    [Parameter("Lowest severity that fails the Trivy scan: UNKNOWN, LOW, MEDIUM, HIGH (default) or CRITICAL")]
    Severity SeverityThreshold => TryGetValue<Severity?>(() => SeverityThreshold) ?? Severity.High;

    /// <summary>Leaves out findings that have no fixed version yet (default false).</summary>
    [Parameter("Ignore vulnerabilities without a fixed version (default: false)")]
    bool IgnoreUnfixed => TryGetValue<bool?>(() => IgnoreUnfixed) ?? false;

    /// <summary>The Trivy image run through Docker when <c>trivy</c> is not on PATH.</summary>
    [Parameter("Trivy image used when trivy is not on PATH (default: a pinned aquasec/trivy release)")]
    string TrivyImage => TryGetValue(() => TrivyImage) ?? TrivyRunner.PinnedImage;

    /// <summary><c>artifacts/trivy/</c>: trivy.json, trivy.sarif, gl-container-scanning-report.json and trivy.md.</summary>
    AbsolutePath TrivyReportDirectory => ArtifactsDirectory / "trivy";

    /// <summary>Adjusts the Trivy command line; override with an explicit interface implementation.</summary>
    ToolCommand ConfigureTrivy(ToolCommand command) => command;

    /// <summary>Scans the built image and fails on findings at or above the threshold.</summary>
    Target TrivyScan => _ => _
        .Description("Scans the built image with Trivy and fails on findings at or above the severity threshold")
        .DependsOn<IDockerBuild>(x => x.DockerBuild)
        .Executes(async () =>
        {
            var runner = TrivyRunner.Choose(Tool.Find("trivy"), Tool.Find("docker"), TrivyImage,
                Environment.GetEnvironmentVariable("DOCKER_HOST"));
            var outcome = await TrivyScanner.ScanAsync(new TrivyScanSettings
            {
                RootDirectory = RootDirectory,
                ImageRecordFile = ImageRecordFile,
                OutputDirectory = TrivyReportDirectory,
                Dockerfile = Dockerfile,
                Threshold = SeverityThreshold,
                IgnoreUnfixed = IgnoreUnfixed,
                Runner = runner,
                Configure = ConfigureTrivy,
            });
            Host.AppendSummary(outcome.Markdown);
            ReportSummary(outcome.Verdict.SummaryNote);
            Log.Information("{Note}", outcome.Verdict.SummaryNote);
            if (!outcome.Verdict.Passed) throw new BuildFailedException(TrivyScanner.FailureMessage(outcome.Verdict));
        });
}
