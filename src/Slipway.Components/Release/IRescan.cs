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

    /// <summary>Scans the published digest with a fresh database and fails on new blocking findings.</summary>
    Target Rescan => _ => _
        .Description("Scans the published digest again with a fresh vulnerability database; fails on new blocking findings")
        .Validates(() => RescanSigning)
        .Prepares(() => AttachVerdict ? SigningSetup.KeyCheckedAsync(this) : Task.CompletedTask)
        .Executes(async () =>
        {
            if (AttachVerdict) await SigningSetup.KeyCheckedAsync(this); // a wrong password stops the rescan before it scans
            var image = await RescanTarget.ResolveAsync(this);
            var docker = image.Cosign.Environment.GetValueOrDefault("DOCKER_CONFIG");
            var runner = TrivyRunner.Choose(Tool.Find("trivy"), await TrivyDocker.FindAsync(this), TrivyImage) with
                { CacheDirectory = TrivyRunner.CacheDirectoryFrom(Host.Environment, RootDirectory) };
            Log.Information("Rescanning {Reference} from its registry with Trivy: {Reason}", image.Reference, runner.Reason);
            var outcome = await TrivyScanner.ScanImageAsync(new TrivyScanSettings
            {
                RootDirectory = RootDirectory,
                ImageRecordFile = ImageRecordFile,
                OutputDirectory = RescanReportDirectory,
                Dockerfile = Dockerfile,
                Threshold = SeverityThreshold,
                IgnoreUnfixed = IgnoreUnfixed,
                Runner = runner,
                Remote = true,
                // Docker's own login, when that is the login, is looked up now: Trivy gets a user name and password.
                RegistryLogin = image.Credentials is { } credentials ? await credentials.ResolveAsync(BuildCancellation.Token) : null,
                Configure = command => ConfigureTrivy(docker is null ? command : command.WithEnvironment("DOCKER_CONFIG", docker)),
                ConfigureSettings = ConfigureTrivy,
            }, image.Reference, image.Reference, image.Digest);
            Host.AppendSummary(outcome.Markdown);
            ReportSummary("re" + outcome.Verdict.SummaryNote);

            if (AttachVerdict)
            {
                var predicate = AttestationDirectory.CreateDirectory() / "scan-verdict.rescan.json";
                predicate.WriteAllText(ScanVerdictPredicate.From(outcome.Record).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                await image.Cosign.AttestAsync(image.Reference, SigningSetup.Signer(this)!, PredicateTypes.ScanVerdict, predicate, ConfigureCosign, BuildCancellation.Token);
                Log.Information("Attached the new verdict ({Verdict}) to {Reference}", outcome.Verdict.Passed ? "passed" : "failed", image.Reference);
                ReportSummary($"verdict attached ({(outcome.Verdict.Passed ? "passed" : "failed")})");
            }
            if (!outcome.Verdict.Passed)
                throw new BuildFailedException($"The published image {image.Reference} now has blocking findings. " + TrivyScanner.FailureMessage(outcome.Verdict));
        });
}
