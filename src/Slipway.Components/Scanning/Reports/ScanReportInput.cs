namespace Slipway.Components.Scanning.Reports;

/// <summary>Everything the report writers need about one scan.</summary>
/// <param name="Verdict">The gate's decision and the findings that count.</param>
/// <param name="Report">The parsed Trivy report (for the operating system).</param>
/// <param name="ImageReference">A readable name of the scanned image, e.g. <c>acme-orders:build</c>.</param>
/// <param name="Dockerfile">The Dockerfile relative to the repository root, where code-scanning alerts are placed.</param>
/// <param name="DockerfileLine">The line of the final stage's <c>FROM</c>, where alerts point (1 when unknown).</param>
/// <param name="ScannerVersion">Trivy's version, e.g. <c>0.69.3</c>, or <c>unknown</c>.</param>
/// <param name="Started">When the scan started (UTC).</param>
/// <param name="Finished">When the scan finished (UTC).</param>
internal sealed record ScanReportInput(
    ScanVerdict Verdict,
    TrivyReport Report,
    string ImageReference,
    string Dockerfile,
    int DockerfileLine,
    string ScannerVersion,
    DateTimeOffset Started,
    DateTimeOffset Finished);
