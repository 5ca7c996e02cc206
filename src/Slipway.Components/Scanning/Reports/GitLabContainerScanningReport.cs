using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Components.Scanning.Reports;

/// <summary>
/// A GitLab <c>container_scanning</c> report (GitLab's security report schema 15): one vulnerability per finding,
/// located by image, operating system and package, and the scan's analyzer, scanner, times and status.
/// </summary>
internal static class GitLabContainerScanningReport
{
    /// <summary>The security report schema version the report follows.</summary>
    public const string SchemaVersion = "15.0.7";

    public static string Write(ScanReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var os = input.Report.OperatingSystem ?? "unknown";
        var report = new JsonObject
        {
            ["version"] = SchemaVersion,
            ["vulnerabilities"] = new JsonArray([.. input.Verdict.Findings.Select(f => Vulnerability(f, input, os))]),
            ["remediations"] = new JsonArray(),
            ["scan"] = new JsonObject
            {
                ["analyzer"] = new JsonObject
                {
                    ["id"] = "slipway-trivy",
                    ["name"] = "Slipway Trivy gate",
                    ["version"] = AnalyzerVersion,
                    ["vendor"] = new JsonObject { ["name"] = "Slipway" },
                },
                ["scanner"] = new JsonObject
                {
                    ["id"] = "trivy",
                    ["name"] = "Trivy",
                    ["url"] = "https://github.com/aquasecurity/trivy",
                    ["version"] = input.ScannerVersion,
                    ["vendor"] = new JsonObject { ["name"] = "Aqua Security" },
                },
                ["type"] = "container_scanning",
                ["start_time"] = Time(input.Started),
                ["end_time"] = Time(input.Finished),
                ["status"] = "success",
            },
        };
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Vulnerability(Finding f, ScanReportInput input, string os)
    {
        var vulnerability = new JsonObject
        {
            ["id"] = StableId(f, input.ImageReference),
            ["name"] = f.Platform is null ? f.Title : $"{f.Title} ({f.Platform})",
            ["description"] = f.Vulnerability.Description ?? f.Title,
            ["severity"] = GitLabSeverity(f.Severity),
            ["solution"] = f.HasFix ? $"Upgrade {f.Package} from {f.Installed} to {f.Fixed}" : "No fixed version is available yet",
            ["identifiers"] = new JsonArray(Identifier(f)),
            ["location"] = new JsonObject
            {
                ["dependency"] = new JsonObject
                {
                    ["package"] = new JsonObject { ["name"] = f.Package },
                    ["version"] = f.Installed,
                },
                ["operating_system"] = os,
                ["image"] = f.Platform is null ? input.ImageReference : $"{input.ImageReference} ({f.Platform})",
            },
        };
        if (f.Vulnerability.PrimaryURL is { } url)
            vulnerability["links"] = new JsonArray(new JsonObject { ["url"] = url });
        return vulnerability;
    }

    private static JsonObject Identifier(Finding f)
    {
        var type = f.Id.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase) ? "cve"
            : f.Id.StartsWith("GHSA-", StringComparison.OrdinalIgnoreCase) ? "ghsa"
            : "trivy";
        var identifier = new JsonObject { ["type"] = type, ["name"] = f.Id, ["value"] = f.Id };
        if (f.Vulnerability.PrimaryURL is { } url) identifier["url"] = url;
        return identifier;
    }

    /// <summary>GitLab's severity words: Critical, High, Medium, Low, Unknown.</summary>
    internal static string GitLabSeverity(Severity severity) => severity switch
    {
        Severity.Critical => "Critical",
        Severity.High => "High",
        Severity.Medium => "Medium",
        Severity.Low => "Low",
        _ => "Unknown",
    };

    /// <summary>A UUID derived from the finding, so the same finding keeps its id across pipelines.</summary>
    private static string StableId(Finding f, string image)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{image}\n{f.Target}\n{f.Package}\n{f.Installed}\n{f.Id}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 layout (name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString();
    }

    // The schema wants UTC times without fraction or zone.
    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static string AnalyzerVersion =>
        typeof(GitLabContainerScanningReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";
}
