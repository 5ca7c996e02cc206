using Slipway.Components.Catalog;
using Serilog;
using Slipway.Components.Images;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Scanning;

/// <summary>The docker client a Trivy container runs through: the build's own (its daemon, its login), when docker is installed.</summary>
internal static class TrivyDocker
{
    public static async Task<Docker.DockerCli?> FindAsync(IContainerImage build)
    {
        if (Tool.Find(Docker.DockerCli.FromPath.Executable) is null) return null;
        // --image repository@sha256:… (Rescan of a given digest) names no destination to log in to: docker as it is.
        // The Trivy container mounts the daemon's socket: either client names the daemon the build talks to (DOCKER_HOST).
        return ImageNames.IsReference(build.Image)
            ? Docker.DockerCli.For(build.Host.Environment)
            : await Destination.ContainerSession.DockerAsync(build);
    }
}

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

    /// <summary>
    /// <c>artifacts/trivy/</c>: trivy.json, trivy.sarif, gl-container-scanning-report.json and trivy.md. With several
    /// images, each image's reports are in <c>artifacts/trivy/&lt;name&gt;/</c>, and trivy.sarif and
    /// gl-container-scanning-report.json here hold every scanned image, each its own part (the CI files upload these).
    /// </summary>
    AbsolutePath TrivyReportDirectory => ArtifactsDirectory / "trivy";

    /// <summary>Adjusts the Trivy command line; override with an explicit interface implementation.</summary>
    ToolCommand ConfigureTrivy(ToolCommand command) => command;

    /// <summary>
    /// Edits Trivy's typed settings (scanners, timeout, raw arguments) before the command is made; the
    /// <see cref="ConfigureTrivy(ToolCommand)"/> hook then sees the whole command. Returns them unchanged by default.
    /// </summary>
    /// <example><c>TrivySettings ITrivyScan.ConfigureTrivy(TrivySettings s) => s with { Timeout = TimeSpan.FromMinutes(30) };</c></example>
    TrivySettings ConfigureTrivy(TrivySettings settings) => settings;

    /// <summary>Scans each built image and fails, after every image is scanned, on findings at or above the threshold.</summary>
    Target TrivyScan => _ => _
        .Description("Scans each built image with Trivy and fails on findings at or above the severity threshold")
        .DependsOn<IDockerBuild>(x => x.DockerBuild)
        .OnlyWhenStatic(() => !Invocation.Targets.Contains(MergeJob.IndexTarget) && !Invocation.Targets.Contains(MergeJob.SetTarget))
        .Validates(() => ImagesToPublish)
        .Executes(async () =>
        {
            var runner = TrivyRunner.Choose(Tool.Find("trivy"), await TrivyDocker.FindAsync(this), TrivyImage) with
                { CacheDirectory = TrivyRunner.CacheDirectoryFrom(Host.Environment, RootDirectory) };
            var failed = new List<(ContainerImage Image, ScanVerdict Verdict)>();
            try
            {
                foreach (var image in ImagesToPublish)
                {
                    var verdict = await ScanImageAsync(image, runner);
                    if (!verdict.Passed) failed.Add((image, verdict));
                }
            }
            finally
            {
                // Several images: the CI file's one SARIF and GitLab report path holds them all, each image in its own part.
                if (ContainerImages.Count > 1)
                {
                    Reports.ReportSet.Write(TrivyReportDirectory.CreateDirectory(),
                        [.. ImagesToPublish.Select(i => (i.Name, ImageFiles.Under(TrivyReportDirectory, i, ContainerImages)))]);
                }
            }
            if (failed is [var one] && ContainerImages.Count == 1) throw new BuildFailedException(TrivyScanner.FailureMessage(one.Verdict));
            if (failed.Count > 0)
            {
                throw new BuildFailedException(string.Join("\n", failed.Select(f => $"{f.Image.Name}: {TrivyScanner.FailureMessage(f.Verdict)}")) +
                    "\nNothing of any image is tagged or pushed: the images of a commit are released together.");
            }
        });

    /// <summary>Scans <paramref name="image"/> (its record), writes its reports and its part of the step summary; returns its verdict.</summary>
    private async Task<ScanVerdict> ScanImageAsync(ContainerImage image, TrivyRunner runner)
    {
        var outcome = await TrivyScanner.ScanAsync(new TrivyScanSettings
        {
            RootDirectory = RootDirectory,
            ImageRecordFile = image.RecordFile,
            OutputDirectory = ImageFiles.Under(TrivyReportDirectory, image, ContainerImages),
            ScratchDirectory = TemporaryDirectory,
            Dockerfile = image.Dockerfile,
            Threshold = SeverityThreshold,
            IgnoreUnfixed = IgnoreUnfixed,
            Runner = runner,
            Configure = ConfigureTrivy,
            ConfigureSettings = ConfigureTrivy,
        });
        Host.AppendSummary(StepSummaryPart.Of(image, ContainerImages, outcome.Markdown));
        ReportSummary(image, outcome.Verdict.SummaryNote);
        Log.Information("{Image}: {Note}", image.Name, outcome.Verdict.SummaryNote);
        return outcome.Verdict;
    }
}
