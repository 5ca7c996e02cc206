using System.Text.RegularExpressions;

namespace Slipway.Components.Registry;

/// <summary>
/// The tags cosign writes on a registry without the OCI referrers API: <c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c>,
/// <c>.sbom</c>, and <c>sha256-&lt;hex&gt;</c> for an image copied by digest. They name a digest's evidence, never a
/// version: floating-tag decisions, the immutability check and the tag set never count them.
/// </summary>
internal static partial class CosignTags
{
    /// <summary>True for a tag cosign writes for a digest.</summary>
    public static bool IsCosignTag(string tag) => Pattern().IsMatch(tag);

    /// <summary>The signature tag of a digest: <c>sha256-&lt;hex&gt;.sig</c>.</summary>
    public static string Signature(string digest) => Prefix(digest) + ".sig";

    /// <summary>The attestation tag of a digest: <c>sha256-&lt;hex&gt;.att</c>.</summary>
    public static string Attestations(string digest) => Prefix(digest) + ".att";

    private static string Prefix(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return digest.Replace(':', '-');
    }

    [GeneratedRegex(@"^sha256-[0-9a-f]{64}(\.(sig|att|sbom))?$")]
    private static partial Regex Pattern();
}
