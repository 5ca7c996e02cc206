using System.Text.Json;

namespace Slipway.Components.Signing;

/// <summary>The manifest under cosign's <c>sha256-&lt;hex&gt;.att</c> tag: one DSSE layer per attestation, annotated with its predicate type.</summary>
internal static class AttestationManifest
{
    /// <summary>The predicate types of the attestations the manifest holds; empty when it is not one.</summary>
    public static IReadOnlySet<string> PredicateTypes(byte[] manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        try
        {
            using var document = JsonDocument.Parse(manifest);
            if (!document.RootElement.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array) return new HashSet<string>();
            return layers.EnumerateArray()
                .Select(l => l.TryGetProperty("annotations", out var a) && a.TryGetProperty("predicateType", out var t) ? t.GetString() : null)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new HashSet<string>();
        }
    }
}
