namespace Slipway.Components.Scanning;

/// <summary>A vulnerability together with the result (target) it was found in, with missing fields defaulted for display.</summary>
internal sealed record Finding(TrivyResult Result, TrivyVulnerability Vulnerability)
{
    public Severity Severity => SeverityNames.FromTrivy(Vulnerability.Severity);

    public string Id => Vulnerability.VulnerabilityID ?? "(no id)";

    public string Package => Vulnerability.PkgName ?? Vulnerability.PkgID ?? "(unknown package)";

    public string Installed => Vulnerability.InstalledVersion ?? "";

    /// <summary>The version that fixes it, or empty when there is none yet.</summary>
    public string Fixed => Vulnerability.FixedVersion ?? "";

    /// <summary>True when Trivy names a version that fixes the vulnerability.</summary>
    public bool HasFix => !string.IsNullOrWhiteSpace(Vulnerability.FixedVersion);

    public string Target => Result.Target ?? "";

    /// <summary>The platform of the image it is in, for an image index; null for a one-manifest image.</summary>
    public string? Platform => Result.Platform;

    public string Title => Vulnerability.Title ?? Vulnerability.Description?.Split('\n')[0] ?? Id;

    /// <summary>The highest CVSS base score any data source gives, or null.</summary>
    public double? CvssScore => Vulnerability.CVSS?.Values
        .Where(c => c is not null)
        .Select(c => c!.V40Score ?? c.V3Score ?? c.V2Score)
        .Where(s => s is not null)
        .Max();

    /// <summary>Highest severity first, then by id, package and target, so tables are stable.</summary>
    public static IComparer<Finding> BySeverity { get; } = Comparer<Finding>.Create((a, b) =>
    {
        var c = b.Severity.CompareTo(a.Severity);
        if (c == 0) c = string.CompareOrdinal(a.Id, b.Id);
        if (c == 0) c = string.CompareOrdinal(a.Package, b.Package);
        return c != 0 ? c : string.CompareOrdinal(a.Target, b.Target);
    });
}
