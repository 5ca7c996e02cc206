using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Components.Scanning.Reports;

/// <summary>
/// A SARIF 2.1.0 log of the findings for GitHub code scanning: one rule per vulnerability id, one result per
/// finding, located at the Dockerfile's final <c>FROM</c> line (the image has no source lines of its own).
/// </summary>
internal static class SarifReport
{
    public static string Write(ScanReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var findings = input.Verdict.Findings;
        var ruleIds = findings.Select(f => f.Id).Distinct(StringComparer.Ordinal).ToList();
        var rules = new JsonArray([.. ruleIds.Select(id => Rule(findings.First(f => f.Id == id)))]);
        var results = new JsonArray([.. findings.Select(f => Result(f, ruleIds.IndexOf(f.Id), input))]);

        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Trivy",
                        ["informationUri"] = "https://github.com/aquasecurity/trivy",
                        ["rules"] = rules,
                    },
                },
                ["automationDetails"] = new JsonObject { ["id"] = $"slipway/trivy/{input.ImageReference}" },
                ["results"] = results,
            }),
        };
        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Rule(Finding f) => new()
    {
        ["id"] = f.Id,
        ["name"] = "ContainerImageVulnerability",
        ["shortDescription"] = new JsonObject { ["text"] = f.Title },
        ["fullDescription"] = new JsonObject { ["text"] = f.Vulnerability.Description ?? f.Title },
        ["helpUri"] = f.Vulnerability.PrimaryURL,
        ["help"] = new JsonObject
        {
            ["text"] = $"{f.Id} ({f.Severity.ToTrivy()}) in {f.Package}. {f.Vulnerability.PrimaryURL}".TrimEnd(),
            ["markdown"] = $"**{f.Id}** ({f.Severity.ToTrivy()}) in `{f.Package}`" +
                (f.Vulnerability.PrimaryURL is { } url ? $"\n\n[{url}]({url})" : ""),
        },
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(f.Severity) },
        ["properties"] = new JsonObject
        {
            ["precision"] = "very-high",
            ["security-severity"] = SecuritySeverity(f),
            ["tags"] = new JsonArray("vulnerability", "security", f.Severity.ToTrivy()),
        },
    };

    private static JsonObject Result(Finding f, int ruleIndex, ScanReportInput input) => new()
    {
        ["ruleId"] = f.Id,
        ["ruleIndex"] = ruleIndex,
        ["level"] = Level(f.Severity),
        ["message"] = new JsonObject
        {
            ["text"] = $"{f.Severity.ToTrivy()} {f.Id} in {f.Package} {f.Installed}" +
                (f.HasFix ? $" (fixed in {f.Fixed})" : " (no fix yet)") + $" in image {input.ImageReference}, target {f.Target}",
        },
        ["locations"] = new JsonArray(new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = input.Dockerfile, ["uriBaseId"] = "%SRCROOT%" },
                ["region"] = new JsonObject { ["startLine"] = input.DockerfileLine, ["startColumn"] = 1 },
            },
            ["message"] = new JsonObject { ["text"] = $"{input.ImageReference}: {f.Target}: {f.Package}@{f.Installed}" },
        }),
        ["partialFingerprints"] = new JsonObject { ["slipwayFinding/v1"] = $"{f.Id}/{f.Package}/{f.Installed}/{f.Target}" },
    };

    /// <summary>error for CRITICAL and HIGH, warning for MEDIUM, note below.</summary>
    internal static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub ranks alerts by this number: above 9 critical, 7–8.9 high, 4–6.9 medium, below low.</summary>
    private static string SecuritySeverity(Finding f) => (f.Severity switch
    {
        Severity.Critical => 9.5,
        Severity.High => 8.0,
        Severity.Medium => 5.5,
        Severity.Low => 2.0,
        _ => f.CvssScore ?? 0.0,
    }).ToString("0.0", CultureInfo.InvariantCulture);
}
