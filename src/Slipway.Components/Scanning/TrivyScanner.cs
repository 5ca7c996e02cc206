using System.Globalization;
using System.Text;
using Serilog;
using Slipway.Components.Images;
using Slipway.Components.Scanning.Reports;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Scanning;

/// <summary>The inputs of one scan, explicit so the scan runs without the engine.</summary>
internal sealed record TrivyScanSettings
{
    public required AbsolutePath RootDirectory { get; init; }
    public required AbsolutePath ImageRecordFile { get; init; }

    /// <summary><c>artifacts/trivy/</c>.</summary>
    public required AbsolutePath OutputDirectory { get; init; }

    public required AbsolutePath Dockerfile { get; init; }
    public required Severity Threshold { get; init; }
    public required bool IgnoreUnfixed { get; init; }
    public required TrivyRunner Runner { get; init; }

    /// <summary>Where DockerBuild unpacked a multi-platform build's OCI layout (the build's temporary directory); needed for an index.</summary>
    public AbsolutePath? ScratchDirectory { get; init; }

    /// <summary>Scan the image in its registry (<c>--image-src remote</c>) rather than in the local engine.</summary>
    public bool Remote { get; init; }

    /// <summary>The registry login for a remote scan, when the registry needs one.</summary>
    public Destination.RegistryCredentials? RegistryLogin { get; init; }

    /// <summary>Adjusts the Trivy command before it runs (the component's <c>ConfigureTrivy</c> hook).</summary>
    public Func<ToolCommand, ToolCommand> Configure { get; init; } = c => c;

    /// <summary>Edits Trivy's settings before the command is made (the component's typed <c>ConfigureTrivy</c> hook).</summary>
    public Func<TrivySettings, TrivySettings> ConfigureSettings { get; init; } = s => s;
}

/// <summary>What a scan produced: the verdict, the record written into <c>image.json</c> and the Markdown summary.</summary>
internal sealed record TrivyScanOutcome(ScanVerdict Verdict, ScanRecord Record, string Markdown);

/// <summary>
/// Scans the image DockerBuild recorded, judges the report, writes <c>artifacts/trivy/</c> (trivy.json, trivy.sarif,
/// gl-container-scanning-report.json, trivy.md) and records the verdict in <c>image.json</c>. It does not throw on
/// a failed gate; the caller decides (after the files are written).
/// </summary>
internal static class TrivyScanner
{
    public const string JsonReportName = "trivy.json";
    public const string SarifName = "trivy.sarif";
    public const string GitLabReportName = "gl-container-scanning-report.json";
    public const string MarkdownName = "trivy.md";

    public static async Task<TrivyScanOutcome> ScanAsync(TrivyScanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var image = ImageRecord.Read(settings.ImageRecordFile)
            ?? throw new BuildFailedException(
                $"There is no image record at {settings.ImageRecordFile.RelativeTo(settings.RootDirectory)}, so there is no image to scan: " +
                "run DockerBuild first (./build.sh DockerBuild TrivyScan).");
        if (string.IsNullOrWhiteSpace(image.ImageId))
        {
            throw new BuildFailedException(
                $"The image record {settings.ImageRecordFile.RelativeTo(settings.RootDirectory)} has no image id: run DockerBuild again.");
        }

        var name = image.LocalReference ?? image.ImageId;
        Log.Information("Scanning {Reference} ({ImageId}) with Trivy: {Reason}", name, image.ImageId, settings.Runner.Reason);
        var outcome = image.Platforms is { Count: > 0 } platforms
            ? await ScanPlatformsAsync(settings, image, platforms)
            : await ScanImageAsync(settings, image.ImageId, name, image.ImageId);
        (ImageRecord.Read(settings.ImageRecordFile) ?? image).Scanned(outcome.Record).Write(settings.ImageRecordFile);
        return outcome;
    }

    /// <summary>
    /// Scans <paramref name="target"/> (an image id in the engine, or <c>repository@digest</c> in a registry with
    /// <see cref="TrivyScanSettings.Remote"/>), judges the report and writes the reports; records nothing in <c>image.json</c>.
    /// </summary>
    public static async Task<TrivyScanOutcome> ScanImageAsync(TrivyScanSettings settings, string target, string displayName, string imageId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ignore = IgnoreFile(settings);

        var started = DateTimeOffset.UtcNow;
        var reportFile = settings.OutputDirectory.CreateDirectory() / JsonReportName;
        var command = settings.Configure(settings.Runner.Command(target, reportFile, ignore, settings.IgnoreUnfixed, settings.RootDirectory, settings.Remote, settings.RegistryLogin, configure: settings.ConfigureSettings));
        var report = await RunAsync(command, reportFile, settings.RootDirectory);
        return await JudgeAsync(settings, report, displayName, imageId, ignore, started);
    }

    /// <summary>
    /// Scans every platform of an index from the OCI layout DockerBuild unpacked (one Trivy report each, kept as
    /// <c>trivy.&lt;os-arch&gt;.json</c>), and judges them as one: <c>trivy.json</c> holds every platform's results, each
    /// target prefixed with its platform, so every finding, report and annotation names the platform it is in.
    /// </summary>
    private static async Task<TrivyScanOutcome> ScanPlatformsAsync(TrivyScanSettings settings, ImageRecord image, IReadOnlyList<Platforms.PlatformImage> platforms)
    {
        var layout = new Platforms.OciLayout(ImageBuildRequest.LayoutDirectoryOf(
            settings.ScratchDirectory ?? throw new InvalidOperationException("A multi-platform scan needs the build's temporary directory.")));
        if (platforms.FirstOrDefault(p => !layout.HasBlob(p.Digest)) is { } missing)
        {
            throw new BuildFailedException(
                $"The OCI layout {layout.Directory.RelativeTo(settings.RootDirectory)} no longer holds {image.LocalReference} ({missing.Platform} {missing.Digest}), so its {platforms.Count} platforms cannot be scanned. " +
                "Run DockerBuild again in this checkout (./build.sh DockerBuild TrivyScan).");
        }
        var ignore = IgnoreFile(settings);
        var output = settings.OutputDirectory.CreateDirectory();
        var started = DateTimeOffset.UtcNow;
        var merged = new List<(string Platform, string Json)>();
        foreach (var platform in platforms)
        {
            Log.Information("Scanning {Platform} ({Digest})", platform.Platform, platform.Digest);
            var reportFile = output / $"trivy.{Platforms.TargetPlatforms.Slug(platform.Platform)}.json";
            var command = settings.Configure(settings.Runner.Command(platform.Digest, reportFile, ignore, settings.IgnoreUnfixed, settings.RootDirectory,
                layout: layout.PlatformLayout(platform), configure: settings.ConfigureSettings));
            await RunAsync(command, reportFile, settings.RootDirectory);
            merged.Add((platform.Platform, reportFile.ReadAllText()));
        }
        var json = PlatformReports.Merge(merged, image.LocalReference ?? image.ImageId);
        (output / JsonReportName).WriteAllText(json);
        var report = TrivyReport.Parse(json, (output / JsonReportName).RelativeTo(settings.RootDirectory));
        var outcome = await JudgeAsync(settings, report, image.LocalReference ?? image.ImageId, image.ImageId, ignore, started);
        return outcome with { Record = outcome.Record with { Platforms = [.. platforms.Select(p => p.Digest)] } };
    }

    // The repository's .trivyignore, when it has one (said once per scan).
    private static AbsolutePath? IgnoreFile(TrivyScanSettings settings)
    {
        var file = settings.RootDirectory / ".trivyignore";
        if (!file.FileExists()) return null;
        Log.Information("Honouring {IgnoreFile}: the ids listed there are not reported", ".trivyignore");
        return file;
    }

    private static async Task<TrivyScanOutcome> JudgeAsync(TrivyScanSettings settings, TrivyReport report, string displayName, string imageId, AbsolutePath? ignore, DateTimeOffset started)
    {
        var finished = DateTimeOffset.UtcNow;
        var trivy = await settings.Runner.VersionAsync(); // after the scan: the database it used

        var verdict = ScanGate.Evaluate(report, imageId, settings.Threshold, settings.IgnoreUnfixed);
        LogFindings(verdict, settings);

        var dockerfile = settings.Dockerfile.RelativeTo(settings.RootDirectory);
        var input = new ScanReportInput(verdict, report, displayName, dockerfile,
            DockerfileLocation.FinalFromLine(settings.Dockerfile), trivy.Version, started, finished);
        var markdown = MarkdownSummary.Write(input);
        (settings.OutputDirectory / SarifName).WriteAllText(SarifReport.Write(input));
        (settings.OutputDirectory / GitLabReportName).WriteAllText(GitLabContainerScanningReport.Write(input));
        (settings.OutputDirectory / MarkdownName).WriteAllText(markdown);

        var record = new ScanRecord
        {
            ImageId = imageId,
            Passed = verdict.Passed,
            Threshold = verdict.Threshold.ToTrivy(),
            Counts = verdict.Counts,
            Blocking = verdict.Blocking.Count,
            Scanned = finished,
            IgnoreUnfixed = settings.IgnoreUnfixed,
            Ignored = ignore is null ? [] : TrivyIgnoreFile.Ids(ignore.ReadAllText()),
            Scanner = new ScannerRecord { Name = "trivy", Version = trivy.Version, DatabaseUpdated = trivy.DatabaseUpdated },
        };
        return new TrivyScanOutcome(verdict, record, markdown);
    }

    /// <summary>The gate's failure: every blocking finding, and the ways out.</summary>
    public static string FailureMessage(ScanVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"The image {verdict.ImageId} has {verdict.Blocking.Count} finding(s) at or above {verdict.Threshold.ToTrivy()}:");
        foreach (var f in verdict.Blocking)
            sb.AppendLine(inv, $"  {f.Severity.ToTrivy()} {f.Id} in {f.Package} {f.Installed} ({(f.HasFix ? "fixed in " + f.Fixed : "no fix yet")}) [{f.Target}]");
        sb.Append("Fix: update the base image or the affected packages and build again (details in artifacts/trivy/trivy.md). ")
            .Append("To accept a risk, add its id to .trivyignore with a comment saying why; ")
            .Append(verdict.IgnoreUnfixed ? "" : "--ignore-unfixed leaves out findings without a fix; ")
            .Append("--severity-threshold sets the lowest severity that fails the build.");
        return sb.ToString();
    }

    private static async Task<TrivyReport> RunAsync(ToolCommand command, AbsolutePath reportFile, AbsolutePath root)
    {
        if (reportFile.FileExists()) File.Delete(reportFile);
        var result = await command.WithExitCodeValidation(false).WithTimeout(TimeSpan.FromMinutes(20)).ExecuteAsync();
        if (!reportFile.FileExists())
        {
            var tail = string.Join(Environment.NewLine, result.Output.TakeLast(15).Select(l => "    " + l.Text));
            throw new BuildFailedException(
                $"Trivy exited with code {result.ExitCode} without writing {reportFile.RelativeTo(root)}: the scanner failed, " +
                "so the image was neither passed nor failed. Check that the image is in the local Docker daemon and that " +
                "Trivy can download its vulnerability database, then run TrivyScan again." +
                (tail.Length > 0 ? Environment.NewLine + "  last lines of output:" + Environment.NewLine + tail : ""));
        }
        if (result.ExitCode != 0)
            Log.Warning("Trivy exited with code {ExitCode} but wrote a report; the verdict comes from the report", result.ExitCode);
        return TrivyReport.Parse(reportFile.ReadAllText(), reportFile.RelativeTo(root));
    }

    private static void LogFindings(ScanVerdict verdict, TrivyScanSettings settings)
    {
        if (verdict.Findings.Count == 0)
        {
            Log.Information("No vulnerabilities found");
            return;
        }
        foreach (var line in FindingsTable.Format(verdict.Findings)) Log.Information("{Row}", line);

        var file = settings.Dockerfile.RelativeTo(settings.RootDirectory);
        var line1 = DockerfileLocation.FinalFromLine(settings.Dockerfile);
        foreach (var f in verdict.Blocking)
        {
            Slipway.Logging.Annotations.At(file, line1)
                .Error("{Finding}", $"{f.Severity.ToTrivy()} {f.Id} in {f.Package} {f.Installed} ({(f.HasFix ? "fixed in " + f.Fixed : "no fix yet")}): {f.Title}");
        }
    }
}
