using System.Text.Json.Nodes;

namespace Slipway.Components.Scanning;

/// <summary>One Trivy report of an image index, made of its platforms' reports.</summary>
internal static class PlatformReports
{
    /// <summary>
    /// The first report with every report's results, each result's <c>Target</c> prefixed with its platform (e.g.
    /// <c>linux/arm64: acme-orders (debian 12.12)</c>) and <c>Platform</c> set; <c>ArtifactName</c> is the index.
    /// </summary>
    public static string Merge(IReadOnlyList<(string Platform, string Json)> reports, string artifactName)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0) throw new ArgumentException("An index has at least one platform report.", nameof(reports));
        JsonObject? first = null;
        var results = new JsonArray();
        foreach (var (platform, json) in reports)
        {
            var root = JsonNode.Parse(json) as JsonObject
                ?? throw new BuildFailedException($"The Trivy report of {platform} is not a JSON object. Run the scan again.");
            first ??= root;
            if (root["Results"] is not JsonArray own) continue;
            foreach (var result in own.ToList())
            {
                own.Remove(result);
                if (result is JsonObject r)
                {
                    r["Target"] = $"{platform}: {r["Target"]?.GetValue<string>() ?? "image"}";
                    r["Platform"] = platform;
                }
                results.Add(result);
            }
        }
        first!["ArtifactName"] = artifactName;
        first["Results"] = results;
        return first.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
