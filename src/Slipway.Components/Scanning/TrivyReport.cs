using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slipway.Components.Scanning;

/// <summary>
/// A Trivy JSON report (schema version 2), as far as the gate needs it. Every key may be missing or null:
/// Trivy omits empty lists and optional fields, and older or newer versions add or drop fields.
/// </summary>
internal sealed record TrivyReport
{
    /// <summary>The only schema this model understands.</summary>
    public const int SupportedSchemaVersion = 2;

    public int? SchemaVersion { get; init; }
    public string? ArtifactName { get; init; }
    public string? ArtifactType { get; init; }
    public TrivyMetadata? Metadata { get; init; }
    public IReadOnlyList<TrivyResult?>? Results { get; init; }


    /// <summary>Every vulnerability with the result it was found in; null entries are skipped.</summary>
    public IEnumerable<Finding> Findings =>
        from result in Results ?? []
        where result is not null
        from vulnerability in result.Vulnerabilities ?? []
        where vulnerability is not null
        select new Finding(result, vulnerability);

    /// <summary>The operating system of the image as <c>debian 12.12</c>, or null when Trivy detected none.</summary>
    public string? OperatingSystem =>
        Metadata?.OS is { } os && (os.Family ?? os.Name) is not null ? $"{os.Family} {os.Name}".Trim() : null;

    /// <summary>Parses a report; <paramref name="source"/> names it in errors.</summary>
    public static TrivyReport Parse(string json, string source)
    {
        TrivyReport? report;
        try
        {
            report = JsonSerializer.Deserialize(json, TrivyReportJson.Default.TrivyReport);
        }
        catch (JsonException ex)
        {
            throw new BuildFailedException(
                $"The Trivy report {source} is not valid JSON ({ex.Message}). Run the scan again; if it persists, the scanner crashed while writing it.", ex);
        }
        if (report is null)
            throw new BuildFailedException($"The Trivy report {source} is empty (JSON null). Run the scan again.");
        if (report.SchemaVersion is { } version && version != SupportedSchemaVersion)
        {
            throw new BuildFailedException(
                $"The Trivy report {source} has schema version {version}; Slipway reads version {SupportedSchemaVersion}. " +
                "Use a Trivy version that writes schema 2 (e.g. the pinned image) or update Slipway.");
        }
        return report;
    }
}

/// <summary>The <c>Metadata</c> object of a report.</summary>
internal sealed record TrivyMetadata
{
    public TrivyOperatingSystem? OS { get; init; }
    public string? ImageID { get; init; }
}

/// <summary>The detected operating system, e.g. family <c>debian</c>, name <c>12.12</c>.</summary>
internal sealed record TrivyOperatingSystem
{
    public string? Family { get; init; }
    public string? Name { get; init; }
}

/// <summary>One scanned target: the OS packages, or one language lock file.</summary>
internal sealed record TrivyResult
{
    public string? Target { get; init; }

    /// <summary>The platform of the image this result is from, in the report of an image index (Slipway's merge); else null.</summary>
    public string? Platform { get; init; }
    public string? Class { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<TrivyVulnerability?>? Vulnerabilities { get; init; }
}

/// <summary>One vulnerability in one installed package.</summary>
internal sealed record TrivyVulnerability
{
    public string? VulnerabilityID { get; init; }
    public string? PkgID { get; init; }
    public string? PkgName { get; init; }
    public string? InstalledVersion { get; init; }
    public string? FixedVersion { get; init; }
    public string? Status { get; init; }
    public string? Severity { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? PrimaryURL { get; init; }
    public IReadOnlyDictionary<string, TrivyCvss?>? CVSS { get; init; }
}

/// <summary>CVSS vectors and scores from one data source (<c>nvd</c>, <c>redhat</c>, <c>ghsa</c>…).</summary>
internal sealed record TrivyCvss
{
    public string? V2Vector { get; init; }
    public string? V3Vector { get; init; }
    public string? V40Vector { get; init; }
    public double? V2Score { get; init; }
    public double? V3Score { get; init; }
    public double? V40Score { get; init; }
}

/// <summary>
/// How a Trivy report is read: names in any case, numbers also as strings, trailing commas and comments allowed.
/// Generated at compile time, so parsing a report costs a run no reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TrivyReport))]
internal sealed partial class TrivyReportJson : JsonSerializerContext;
