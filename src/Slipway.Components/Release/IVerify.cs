using Slipway.Components.Catalog;
using Slipway.Processes;
using Serilog;
using Slipway.Components.Signing;

namespace Slipway.Components.Release;

/// <summary>
/// Verifies a published digest (<c>artifacts/image.json</c>, or <c>--image repository@sha256:…</c>): the signature is
/// valid for the public key (or the keyless identity), every attestation (SBOM, provenance, scan verdict) is present,
/// signed and about this digest, and the newest verdict passed and is younger than <see cref="MaxVerdictAge"/>.
/// </summary>
public interface IVerify : ISign
{
    /// <summary>The public key signatures are checked against: a path or the PEM text; default <c>cosign.pub</c> at the root.</summary>
    [Parameter("cosign public key to verify with: a path or the PEM text (env COSIGN_PUBLIC_KEY; default: cosign.pub at the root)")]
    string? CosignPublicKey => TryGetValue(() => CosignPublicKey);

    /// <summary>Verify keyless signatures: a certificate for <see cref="CertificateIdentity"/> from <see cref="CertificateOidcIssuer"/>.</summary>
    [Parameter("Verify keyless signatures (with --certificate-identity and --certificate-oidc-issuer) instead of a public key")]
    bool VerifyKeyless => TryGetValue(() => VerifyKeyless);

    /// <summary>The signer identity a keyless signature must carry (a regular expression), e.g. the workflow's address.</summary>
    [Parameter("Keyless: the signer identity (regular expression), e.g. https://github.com/acme/orders/.github/workflows/publish.yml@.*")]
    string? CertificateIdentity => TryGetValue(() => CertificateIdentity);

    /// <summary>The OIDC issuer of keyless signatures (default: GitHub Actions').</summary>
    [Parameter("Keyless: the OIDC issuer (default: https://token.actions.githubusercontent.com)")]
    string? CertificateOidcIssuer => TryGetValue(() => CertificateOidcIssuer);

    /// <summary>How old the newest scan verdict may be (default 7 days), e.g. <c>1</c> (a day) or <c>12:00:00</c>.</summary>
    [Parameter("Oldest scan verdict Verify accepts, as d.hh:mm:ss (default: 7, a week)")]
    TimeSpan MaxVerdictAge => TryGetValue<TimeSpan?>(() => MaxVerdictAge) ?? TimeSpan.FromDays(7);

    /// <summary>Checks each published digest's signature, attestations and verdict (every selected image's, or the one <c>--image</c> names).</summary>
    Target Verify => _ => _
        .Description("Verifies the published digest's signature, its SBOM, provenance and scan-verdict attestations, and the verdict's age")
        .Executes(async () =>
        {
            foreach (var image in PublishedImage.Targets(this)) await VerifyImageAsync(image);
        });

    /// <summary>Verifies <paramref name="image"/>'s published digest (null: the one <c>--image</c> names).</summary>
    private async Task VerifyImageAsync(ContainerImage? image)
    {
        var published = await PublishedImage.ResolveAsync(this, "Verify", image);
        var result = await Verification.RunAsync(this, published);
        if (!result.Passed) throw new BuildFailedException(result.FailureMessage);
        Log.Information("{Reference}: {Summary}", published.Reference, result.Summary);
        PublishedImage.Report(this, image, result.Summary);
    }
}

/// <summary>Verify's checks with the component's parameters, shared by Verify and Promote.</summary>
internal static class Verification
{
    public static Task<VerificationResult> RunAsync(IVerify build, PublishedImage image)
    {
        var verifier = SigningSetup.Verifier(build, build.CosignPublicKey, build.VerifyKeyless, build.CertificateIdentity, build.CertificateOidcIssuer, build.CosignTransparencyLog);
        Log.Information("Verifying {Reference}", image.Reference);
        return ImageVerifier.VerifyAsync(image.Cosign, image.Reference, verifier, build.MaxVerdictAge, DateTimeOffset.UtcNow, BuildCancellation.Token);
    }
}
