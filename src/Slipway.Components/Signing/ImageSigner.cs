using Slipway.Processes;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog;
using Slipway.Components.Attestations;
using Slipway.Components.Catalog;
using Slipway.Components.Destination;
using Slipway.Components.Images;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Versioning;
using Slipway.IO;

namespace Slipway.Components.Signing;

/// <summary>What the Sign target does: sign the pushed digest, then attach the SBOM, the provenance and the verdict.</summary>
internal static class ImageSigner
{
    public static async Task SignAsync(ISign build, ContainerImage image)
    {
        var record = ImageRecord.Read(image.RecordFile)
            ?? throw new BuildFailedException($"{image.RecordFile} does not exist, so there is no pushed image to sign. Run Push first.");
        if (record.Reference is not { } reference || record.Digest is not { } digest)
            throw new BuildFailedException($"{image.RecordFile} records no pushed digest, so there is nothing to sign. Run Push first.");
        var signer = SigningSetup.Signer(build);
        await SigningSetup.KeyCheckedAsync(build);
        if (signer is null)
        {
            var note = $"unsigned: {reference} has no signature and no attestations (pass --cosign-key and --cosign-password, or --sign-keyless on CI)";
            Log.Warning("The image is published unsigned: {Reference}. Pass --cosign-key and --cosign-password (COSIGN_KEY, COSIGN_PASSWORD), or --sign-keyless on CI, to sign it and attach its SBOM, provenance and scan verdict", reference);
            build.ReportSummary(image, note);
            return;
        }

        var destination = RegistryDestination.Require(ContainerSession.Destination(build, image));
        var cosign = await CosignFor(build);
        if (record.AlreadyPublished == true && await IsSignedAsync(destination, digest))
        {
            Log.Information("{Reference} is already signed and attested: nothing to sign", reference);
            build.ReportSummary(image, "already signed");
            return;
        }

        var scan = record.Scan ?? throw new BuildFailedException($"The image {digest} has no scan in {image.RecordFile}, so there is no verdict to attest. Run TrivyScan first.");
        if (!build.SbomFileOf(image).FileExists())
            throw new BuildFailedException($"There is no SBOM at {build.SbomFileOf(image).RelativeTo(build.RootDirectory)}, so the image's SBOM cannot be attested. Run Sbom first.");
        var directory = ImageFiles.Under(build.AttestationDirectory, image, build.ContainerImages).CreateDirectory();
        var provenance = directory / "provenance.json";
        var verdict = directory / "scan-verdict.json";
        provenance.WriteAllText(ProvenancePredicate.From(await ProvenanceOf(build, image, record)).ToJsonString(Indented));
        verdict.WriteAllText(ScanVerdictPredicate.From(scan).ToJsonString(Indented));

        var token = BuildCancellation.Token;
        await cosign.SignAsync(reference, signer, build.ConfigureCosign, token);
        Log.Information("Signed {Reference} with {Signer}", reference, signer.Describe);
        foreach (var (type, name, file) in new[]
        {
            (PredicateTypes.CycloneDx, "SBOM", build.SbomFileOf(image)),
            (PredicateTypes.SlsaProvenance1, "provenance", provenance),
            (PredicateTypes.ScanVerdict, "scan verdict", verdict),
        })
        {
            await cosign.AttestAsync(reference, signer, type, file, build.ConfigureCosign, token);
            Log.Information("Attested the {Name} of {Digest} ({Type})", name, digest, type);
        }
        build.ReportSummary(image, $"signed {digest[..19]} ({(signer.Keyless ? "keyless" : "key")}); attested SBOM, provenance, scan verdict");
    }

    /// <summary>cosign with the run's registry login (its private <c>DOCKER_CONFIG</c>).</summary>
    public static async Task<Cosign> CosignFor(IContainerImage build)
    {
        var cosign = Cosign.Find();
        var docker = await ContainerSession.DockerAsync(build);
        return docker.Environment.TryGetValue("DOCKER_CONFIG", out var config) && config is not null
            ? cosign.WithEnvironment("DOCKER_CONFIG", config)
            : cosign;
    }

    // Signed, and attested with every predicate type (cosign annotates each attestation layer with its predicateType):
    // a re-run of a published commit whose signing died halfway signs again, a complete one does not.
    private static async Task<bool> IsSignedAsync(RegistryDestination destination, string digest)
    {
        using var registry = new RegistryClient();
        try
        {
            if (await registry.GetDigestAsync(destination.Repository, CosignTags.Signature(digest), destination.Credentials, BuildCancellation.Token) is null) return false;
            var attestations = await registry.GetManifestAsync(destination.Repository, CosignTags.Attestations(digest), destination.Credentials, BuildCancellation.Token);
            if (attestations is null) return false;
            var types = AttestationManifest.PredicateTypes(attestations.Body);
            return PredicateTypes.Required.All(r => types.Contains(r.Type));
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<ProvenanceInput> ProvenanceOf(ISign build, ContainerImage image, ImageRecord record)
    {
        var environment = BuildEnvironment.Of(build);
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var git = await GitFacts.ReadAsync(build.RootDirectory, BuildCancellation.Token);
        var source = Get("GITHUB_REPOSITORY") is { } repository ? $"{Get("GITHUB_SERVER_URL") ?? "https://github.com"}/{repository}"
            : Get("CI_PROJECT_URL") ?? git.Source;
        var gitRef = Get("GITHUB_REF")
            ?? (Get("CI_COMMIT_TAG") is { } tag ? "refs/tags/" + tag : Get("CI_COMMIT_BRANCH") is { } branch ? "refs/heads/" + branch : null)
            ?? (git.Branch is { } local ? "refs/heads/" + local : null);
        return new ProvenanceInput
        {
            Image = record,
            Invocation = build.Invocation,
            SourceUrl = source,
            SourceRef = gitRef,
            Dockerfile = image.Dockerfile.RelativeTo(build.RootDirectory),
            BaseImages = FinalBaseImage.AllOf(image.Dockerfile, build.SdkImage, build.RuntimeImage),
            HostName = build.Host.Name,
            MachineName = Environment.MachineName,
            RunUrl = build.Host.RunUrl,
            SlipwayVersion = typeof(ISign).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            FinishedAt = DateTimeOffset.UtcNow,
        };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
