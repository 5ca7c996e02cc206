using Serilog;
using Slipway.Components.Registry;
using Slipway.Components.Sbom;
using Slipway.IO;

namespace Slipway.Components.Signing;

/// <summary>
/// Signs the pushed digest (never a tag) with cosign and attaches the image's evidence as signed in-toto attestations:
/// its CycloneDX SBOM, an SLSA v1 provenance and the scan gate's verdict. With a key (<c>--cosign-key</c> and
/// <c>--cosign-password</c>, as cosign names them) or keyless on CI (<c>--sign-keyless</c>); without either the image is
/// published unsigned, and the build says so. Registries without the OCI referrers API get cosign's tag fallback.
/// </summary>
public interface ISign : IPush, ISbom
{
    /// <summary>The cosign private key: the path of <c>cosign.key</c> or its PEM text.</summary>
    [Parameter("cosign private key that signs the pushed digest: a path or the PEM text (env COSIGN_KEY)")]
    [Secret]
    string? CosignKey => TryGetValue(() => CosignKey);

    /// <summary>The password of <see cref="CosignKey"/>.</summary>
    [Parameter("Password of --cosign-key (env COSIGN_PASSWORD)")]
    [Secret]
    string? CosignPassword => TryGetValue(() => CosignPassword);

    /// <summary>Sign keyless: a certificate for the CI's OIDC identity (GitHub Actions with <c>id-token: write</c>), logged in Rekor.</summary>
    [Parameter("Sign keyless with the CI's OIDC identity (GitHub Actions with id-token: write) instead of --cosign-key")]
    bool SignKeyless => TryGetValue(() => SignKeyless);

    /// <summary>Record key-based signatures in the public Rekor transparency log (keyless signatures always are).</summary>
    [Parameter("Record key-based signatures in the Rekor transparency log (default: false; keyless always does)")]
    bool CosignTransparencyLog => TryGetValue(() => CosignTransparencyLog);

    /// <summary>
    /// Opts out of signing: Sign is skipped (<c>--plan</c> shows it), so the pushed digest carries no signature and no
    /// attestation, and the signing key is not asked for. Set it in <c>.nuke/parameters.json</c> (<c>"SkipSign": true</c>),
    /// with <c>--skip-sign</c>, or in the build class: <c>bool ISign.SkipSign => true;</c>.
    /// </summary>
    [Parameter("Publish without signing: Sign is skipped, the digest gets no signature or attestations")]
    bool SkipSign => TryGetValue(() => SkipSign);

    /// <summary><c>artifacts/attestations/</c>: the provenance and verdict predicates as attached.</summary>
    AbsolutePath AttestationDirectory => ArtifactsDirectory / "attestations";

    /// <summary>
    /// Edits each <c>cosign sign</c> and <c>cosign attest</c> command before it runs (<see cref="CosignSettings.Subcommand"/>
    /// tells them apart), e.g. to add signature annotations or sign with a KMS key. Returns them unchanged by default.
    /// </summary>
    /// <example><c>CosignSettings ISign.ConfigureCosign(CosignSettings s) => s.AddAnnotation("team", "orders");</c></example>
    CosignSettings ConfigureCosign(CosignSettings settings) => settings;

    /// <summary>How this run signs, decided before the first target runs: a key without its password stops the build there.</summary>
    string SigningMode => SigningSetup.Describe(this);

    /// <summary>
    /// Opens the signing key with its password (<c>cosign public-key</c>), started when the run starts and finished before
    /// Push: a wrong password stops the build before anything is pushed.
    /// </summary>
    Target SigningKey => _ => _
        .Unlisted()
        .Description("Opens the cosign key with its password before anything is pushed")
        .DependentFor<IPush>(x => x.Push)
        .OnlyWhenStatic(() => !SkipSign)
        .Prepares(() => SigningSetup.KeyCheckedAsync(this))
        .Executes(() => SigningSetup.KeyCheckedAsync(this));

    /// <summary>Signs each image's pushed digest and attaches its SBOM, provenance and scan verdict.</summary>
    Target Sign => _ => _
        .Description("Signs the pushed digest with cosign and attaches its SBOM, provenance and scan verdict as signed attestations")
        .DependsOn<IPush>(x => x.Push)
        .DependsOn<ISbom>(x => x.Sbom)
        .OnlyWhenStatic(() => !SkipSign)
        .Validates(() => SigningMode)
        .Validates(() => ImagesToPublish)
        .Executes(async () =>
        {
            if (!PushesImage)
            {
                Log.Information("Nothing was pushed, so nothing is signed");
                return;
            }
            foreach (var image in ImagesToPublish) await ImageSigner.SignAsync(this, image);
        });
}
