using Slipway.Components.Scanning;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Scanning;

/// <summary>Reports the scanning tests judge: the real-shaped fixture and small hand-made ones.</summary>
internal static class ReportSamples
{
    public const string ImageId = "sha256:5b1c4a0e3f2d9a8c7b6e5d4c3b2a19f8e7d6c5b4a39281706f5e4d3c2b1a0f9e";

    /// <summary>HIGH (fixed), LOW (no fix) in the OS; MEDIUM (fixed) in a .NET package.</summary>
    public static TrivyReport RealShaped() =>
        TrivyReport.Parse(RepositoryPaths.Fixture("Scanning", "real-shaped-report.json").ReadAllText(), "real-shaped-report.json");

    /// <summary>A report with one OS result holding the given (severity, id, fixed version) findings.</summary>
    public static TrivyReport With(params (string Severity, string Id, string? Fixed)[] findings) => new()
    {
        SchemaVersion = 2,
        ArtifactName = ImageId,
        Metadata = new TrivyMetadata { OS = new TrivyOperatingSystem { Family = "debian", Name = "12.12" } },
        Results =
        [
            new TrivyResult
            {
                Target = "acme (debian 12.12)",
                Class = "os-pkgs",
                Type = "debian",
                Vulnerabilities = [.. findings.Select(f => new TrivyVulnerability
                {
                    VulnerabilityID = f.Id,
                    PkgName = "pkg-" + f.Id,
                    InstalledVersion = "1.0",
                    FixedVersion = f.Fixed,
                    Severity = f.Severity,
                })],
            },
        ],
    };
}
