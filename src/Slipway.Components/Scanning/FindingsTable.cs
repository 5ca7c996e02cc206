namespace Slipway.Components.Scanning;

/// <summary>The findings as a fixed-width text table for the log.</summary>
internal static class FindingsTable
{
    private static readonly string[] s_headers = ["SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "TARGET"];

    /// <summary>A header line, a rule and one line per finding, in the given order.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var rows = findings
            .Select(f => new[] { f.Severity.ToTrivy(), f.Id, f.Package, f.Installed, f.HasFix ? f.Fixed : "-", f.Target })
            .ToList();
        var widths = s_headers
            .Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())
            .ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        return [Line(s_headers), Line([.. widths.Select(w => new string('-', w))]), .. rows.Select(Line)];
    }
}
