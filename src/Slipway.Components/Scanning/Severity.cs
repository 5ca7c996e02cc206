namespace Slipway.Components.Scanning;

/// <summary>A vulnerability severity as Trivy reports it, lowest first.</summary>
public enum Severity
{
    /// <summary>Not rated by any data source.</summary>
    Unknown,

    /// <summary>Low.</summary>
    Low,

    /// <summary>Medium.</summary>
    Medium,

    /// <summary>High.</summary>
    High,

    /// <summary>Critical.</summary>
    Critical,
}

/// <summary>Conversions between <see cref="Severity"/> and Trivy's upper-case names.</summary>
internal static class SeverityNames
{
    /// <summary>Every severity, highest first: the order of tables and counts.</summary>
    public static readonly IReadOnlyList<Severity> HighestFirst =
        [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Unknown];

    /// <summary><c>HIGH</c> for <see cref="Severity.High"/>.</summary>
    public static string ToTrivy(this Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        Severity.Medium => "MEDIUM",
        Severity.Low => "LOW",
        _ => "UNKNOWN",
    };

    /// <summary>A severity from a report; anything unrecognised or missing is <see cref="Severity.Unknown"/>.</summary>
    public static Severity FromTrivy(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => Severity.Critical,
        "HIGH" => Severity.High,
        "MEDIUM" => Severity.Medium,
        "LOW" => Severity.Low,
        _ => Severity.Unknown,
    };

    /// <summary>All of Trivy's severities as its <c>--severity</c> flag takes them.</summary>
    public static string AllForFlag => string.Join(',', HighestFirst.Reverse().Select(ToTrivy));
}
