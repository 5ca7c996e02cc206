using Slipway.Components.Catalog;
using Serilog;
using Slipway.Components.Attestations;
using Slipway.Components.Scanning;
using Slipway.Components.Signing;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Release;

/// <summary>
/// Scans the published digest again with a fresh vulnerability database (from <c>artifacts/image.json</c>, <c>--image
/// repository@sha256:…</c>, or else the registry's newest release), reading it from the registry: a CVE published after
/// the push shows up. Fails, annotated, when blocking findings appear; with <see cref="AttachVerdict"/> the new verdict is
/// attached as a signed attestation whatever it says, so Verify and admission policies see it.
/// </summary>
public interface IRescan : IVerify
{
    /// <summary>Attach the rescan's verdict to the digest as a signed attestation (needs the signing key, or keyless).</summary>
    [Parameter("Attach the rescan's verdict to the digest as a signed attestation (needs --cosign-key or --sign-keyless)")]
    bool AttachVerdict => TryGetValue(() => AttachVerdict);

    /// <summary><c>artifacts/trivy/rescan/</c>: the rescan's reports, beside the publish scan's.</summary>
    AbsolutePath RescanReportDirectory => TrivyReportDirectory / "rescan";

    /// <summary>With <see cref="AttachVerdict"/>, the signer; checked before the first target runs.</summary>
    string RescanSigning => !AttachVerdict ? "no verdict attached"
        : SigningSetup.Signer(this) is null
            ? throw new BuildFailedException("--attach-verdict signs the new verdict, but there is no signing key: pass --cosign-key and --cosign-password (COSIGN_KEY, COSIGN_PASSWORD), or --sign-keyless on CI.")
            : SigningMode;

    /// <summary>
    /// Scans the published digest of each selected image with a fresh database; fails, after every image is rescanned,
    /// on new blocking findings in any of them.
    /// </summary>
    Target Rescan => _ => _
        .Description("Scans the published digest again with a fresh vulnerability database; fails on new blocking findings")
        .Validates(() => RescanSigning)
        .Prepares(() => AttachVerdict ? SigningSetup.KeyCheckedAsync(this) : Task.CompletedTask)
        .Executes(async () =>
        {
            if (AttachVerdict) await SigningSetup.KeyCheckedAsync(this); // a wrong password stops the rescan before it scans
            var runner = TrivyRunner.Choose(Tool.Find("trivy"), await TrivyDocker.FindAsync(this), TrivyImage) with
                { CacheDirectory = TrivyRunner.CacheDirectoryFrom(Host.Environment, RootDirectory) };
            var images = PublishedImage.Targets(this);
            var failed = new List<string>();
            try
            {
                foreach (var image in images)
                {
                    try
                    {
                        await RescanImageAsync(image, runner);
                    }
                    catch (BuildFailedException e) when (images.Count > 1)
                    {
                        failed.Add($"{image?.Name}: {e.Message}");
                    }
                }
            }
            finally
            {
                // Several images: the rescan workflow's one SARIF path holds them all, each image its own category.
                if (ContainerImages.Count > 1 && images is not [null])
                {
                    Scanning.Reports.ReportSet.Write(RescanReportDirectory.CreateDirectory(),
                        [.. images.OfType<ContainerImage>().Select(i => (i.Name, ImageFiles.Under(RescanReportDirectory, i, ContainerImages)))]);
                }
            }
            if (failed.Count > 0)
                throw new BuildFailedException($"{failed.Count} of {images.Count} published images failed the rescan (each was rescanned). {string.Join(" ", failed)}");
        });

    /// <summary>Rescans <paramref name="image"/>'s published digest (null: the one <c>--image</c> names), reports it and attaches the verdict when asked.</summary>
    private async Task RescanImageAsync(ContainerImage? image, TrivyRunner runner)
    {
        var published = await RescanTarget.ResolveAsync(this, image);
        var docker = published.Cosign.Environment.GetValueOrDefault("DOCKER_CONFIG");
        Log.Information("Rescanning {Reference} from its registry with Trivy: {Reason}", published.Reference, runner.Reason);
        var outcome = await TrivyScanner.ScanImageAsync(new TrivyScanSettings
        {
            RootDirectory = RootDirectory,
            ImageRecordFile = image?.RecordFile ?? ArtifactsDirectory / "image.json", // not read by a remote scan
            OutputDirectory = image is null ? RescanReportDirectory : ImageFiles.Under(RescanReportDirectory, image, ContainerImages),
            // Where findings point in the SARIF report: the image's Dockerfile.
            Dockerfile = image?.Dockerfile ?? (SelectedImages is [var selected] ? selected.Dockerfile : Dockerfile),
            Threshold = SeverityThreshold,
            IgnoreUnfixed = IgnoreUnfixed,
            Runner = runner,
            Remote = true,
            // Docker's own login, when that is the login, is looked up now: Trivy gets a user name and password.
            RegistryLogin = published.Credentials is { } credentials ? await credentials.ResolveAsync(BuildCancellation.Token) : null,
            Configure = command => ConfigureTrivy(docker is null ? command : command.WithEnvironment("DOCKER_CONFIG", docker)),
            ConfigureSettings = ConfigureTrivy,
        }, published.Reference, published.Reference, published.Digest);
        Host.AppendSummary(image is null ? outcome.Markdown : StepSummaryPart.Of(image, ContainerImages, outcome.Markdown));
        PublishedImage.Report(this, image, "rescanned: " + outcome.Verdict.SummaryNote);

        if (AttachVerdict)
        {
            var directory = image is null ? AttestationDirectory : ImageFiles.Under(AttestationDirectory, image, ContainerImages);
            var predicate = directory.CreateDirectory() / "scan-verdict.rescan.json";
            predicate.WriteAllText(ScanVerdictPredicate.From(outcome.Record).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            await published.Cosign.AttestAsync(published.Reference, SigningSetup.Signer(this)!, PredicateTypes.ScanVerdict, predicate, ConfigureCosign, BuildCancellation.Token);
            Log.Information("Attached the new verdict ({Verdict}) to {Reference}", outcome.Verdict.Passed ? "passed" : "failed", published.Reference);
            PublishedImage.Report(this, image, $"verdict attached ({(outcome.Verdict.Passed ? "passed" : "failed")})");
        }
        if (!outcome.Verdict.Passed)
            throw new BuildFailedException($"The published image {published.Reference} now has blocking findings. " + TrivyScanner.FailureMessage(outcome.Verdict));
    }
}
