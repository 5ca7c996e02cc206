using System.Text.Json.Nodes;
using Slipway.Components.Images;

namespace Slipway.Components.Attestations;

/// <summary>
/// The predicate of the scan-verdict attestation (<see cref="PredicateTypes.ScanVerdict"/>): whether the gate passed, at
/// which threshold, the findings by severity, the ids <c>.trivyignore</c> left out, and the scanner with its database's time.
/// </summary>
internal static class ScanVerdictPredicate
{
    public static JsonObject From(ScanRecord scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var counts = new JsonObject();
        foreach (var (severity, count) in scan.Counts) counts[severity] = count;
        return new JsonObject
        {
            ["passed"] = scan.Passed && !scan.Waived,
            ["threshold"] = scan.Threshold,
            ["ignoreUnfixed"] = scan.IgnoreUnfixed,
            ["counts"] = counts,
            ["blocking"] = scan.Blocking,
            ["ignored"] = new JsonArray([.. scan.Ignored.Select(id => (JsonNode)id)]),
            ["scannedAt"] = scan.Scanned.ToUniversalTime().ToString("O"),
            ["scanner"] = new JsonObject
            {
                ["name"] = scan.Scanner?.Name ?? "trivy",
                ["version"] = scan.Scanner?.Version ?? "unknown",
                ["databaseUpdatedAt"] = scan.Scanner?.DatabaseUpdated?.ToUniversalTime().ToString("O"),
            },
        };
    }

    /// <summary>Reads <c>passed</c> and <c>scannedAt</c> back from a predicate; null when it is not one of ours.</summary>
    public static (bool Passed, DateTimeOffset ScannedAt, int Blocking)? Read(JsonNode? predicate)
    {
        if (predicate is not JsonObject o) return null;
        if (o["passed"] is not JsonValue passed || !passed.TryGetValue<bool>(out var p)) return null;
        if (o["scannedAt"] is not JsonValue at || !at.TryGetValue<string>(out var text) || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time)) return null;
        var blocking = o["blocking"] is JsonValue b && b.TryGetValue<int>(out var n) ? n : 0;
        return (p, time, blocking);
    }
}
