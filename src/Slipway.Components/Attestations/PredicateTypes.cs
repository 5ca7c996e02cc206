namespace Slipway.Components.Attestations;

/// <summary>The in-toto predicate types of the attestations Slipway attaches to every published digest.</summary>
public static class PredicateTypes
{
    /// <summary>A CycloneDX SBOM (<c>cosign attest --type cyclonedx</c>).</summary>
    public const string CycloneDx = "https://cyclonedx.org/bom";

    /// <summary>SLSA provenance v1 (<c>cosign attest --type slsaprovenance1</c>).</summary>
    public const string SlsaProvenance1 = "https://slsa.dev/provenance/v1";

    /// <summary>Slipway's scan verdict: the gate's decision, so a policy can require "scanned and passed".</summary>
    public const string ScanVerdict = "https://slipway.dev/attestations/scan-verdict/v1";

    /// <summary>The SLSA build type of a Slipway publish: what <c>externalParameters</c> and <c>internalParameters</c> hold.</summary>
    public const string PublishBuildType = "https://slipway.dev/buildtypes/publish/v1";

    /// <summary>The <c>--type</c> cosign takes for a predicate type.</summary>
    public static string CosignType(string predicateType) => predicateType switch
    {
        CycloneDx => "cyclonedx",
        SlsaProvenance1 => "slsaprovenance1",
        _ => predicateType,
    };

    /// <summary>The attestations every signed image carries, with a name for messages.</summary>
    public static IReadOnlyList<(string Type, string Name)> Required { get; } =
    [
        (CycloneDx, "SBOM (CycloneDX)"),
        (SlsaProvenance1, "provenance (SLSA v1)"),
        (ScanVerdict, "scan verdict"),
    ];
}
