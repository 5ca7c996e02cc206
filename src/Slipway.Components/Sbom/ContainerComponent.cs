using System.Text.Json.Nodes;
using Slipway.Components.Images;

namespace Slipway.Components.Sbom;

/// <summary>
/// The SBOM's subject, <c>metadata.component</c>: the image DockerBuild recorded, as a CycloneDX <c>container</c>. Its name
/// is the pushed repository (else the image name), its version the image's version. Once Push has recorded the manifest
/// digest it also has the purl <c>pkg:oci/&lt;name&gt;@sha256%3A…</c> and that digest as its SHA-256 hash; the image id
/// (the config's digest), the local reference and the revision are properties.
/// </summary>
internal static class ContainerComponent
{
    public const string PropertyPrefix = "slipway:image:";

    /// <summary>The component and its bom-ref (the purl when there is one, else <c>&lt;name&gt;@&lt;image id&gt;</c>).</summary>
    public static (JsonObject Component, string BomRef) From(ImageRecord record, IEnumerable<(string Name, string? Value)> extraProperties)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(extraProperties);
        var name = record.Repository ?? record.Image;
        var purl = record.Digest is { } digest && record.Repository is { } repository ? PackageUrl.Oci(repository, digest) : null;
        var bomRef = purl ?? $"{name}@{record.ImageId}";

        var component = new JsonObject
        {
            ["type"] = "container",
            ["bom-ref"] = bomRef,
            ["name"] = name,
        };
        if (record.Version is { } version) component["version"] = version;
        if (record.Digest is { } manifest && Sha256Hex(manifest) is { } hex)
            component["hashes"] = new JsonArray(new JsonObject { ["alg"] = "SHA-256", ["content"] = hex });
        if (purl is not null) component["purl"] = purl;

        (string Name, string? Value)[] properties =
        [
            (PropertyPrefix + "id", record.ImageId),
            (PropertyPrefix + "config-digest", record.ConfigDigest),
            (PropertyPrefix + "digest", record.Digest),
            (PropertyPrefix + "local-reference", record.LocalReference),
            (PropertyPrefix + "revision", record.Revision ?? record.Commit),
            .. extraProperties,
        ];
        component["properties"] = Properties(properties);
        return (component, bomRef);
    }

    /// <summary>CycloneDX <c>properties</c>: name/value pairs, those without a value left out.</summary>
    public static JsonArray Properties(IEnumerable<(string Name, string? Value)> properties) =>
        new([.. properties.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })]);

    // "sha256:<64 hex>" → the hex, else null.
    private static string? Sha256Hex(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 ? digest[7..] : null;
}
