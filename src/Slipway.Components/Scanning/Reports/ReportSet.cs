using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.IO;

namespace Slipway.Components.Scanning.Reports;

/// <summary>
/// The CI's reports of several images, one file each where the CI file names one path (<c>artifacts/trivy/trivy.sarif</c>,
/// <c>artifacts/trivy/gl-container-scanning-report.json</c>): a SARIF log with one run per image, each its own code
/// scanning category (<c>automationDetails.id</c> <c>slipway/trivy/&lt;name&gt;/</c>, as GitHub takes one upload of
/// several runs only when each has its own category), and a GitLab container scanning report with every image's
/// vulnerabilities, each already located by its image. The images' own reports stay in their folders.
/// </summary>
internal static class ReportSet
{
    /// <summary>
    /// Writes the combined reports into <paramref name="directory"/> from each scanned image's folder; an image whose
    /// scan wrote no report (it failed before) is left out. With no report at all, the combined files are removed, so
    /// none of an earlier run is uploaded.
    /// </summary>
    public static void Write(AbsolutePath directory, IReadOnlyList<(string Image, AbsolutePath Reports)> scanned)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(scanned);
        Combine(directory / TrivyScanner.SarifName, scanned, TrivyScanner.SarifName, Sarif);
        Combine(directory / TrivyScanner.GitLabReportName, scanned, TrivyScanner.GitLabReportName, GitLab);
    }

    private static void Combine(AbsolutePath target, IReadOnlyList<(string Image, AbsolutePath Reports)> scanned, string name,
        Func<IReadOnlyList<(string Image, JsonObject Report)>, JsonObject> combine)
    {
        var reports = scanned
            .Where(s => (s.Reports / name).FileExists())
            .Select(s => (s.Image, Report: JsonNode.Parse(File.ReadAllText(s.Reports / name))!.AsObject()))
            .ToList();
        if (reports.Count == 0)
        {
            if (target.FileExists()) File.Delete(target);
            return;
        }
        target.WriteAllText(combine(reports).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Sarif(IReadOnlyList<(string Image, JsonObject Report)> reports)
    {
        var runs = new JsonArray();
        foreach (var (image, report) in reports)
        {
            foreach (var run in report["runs"]!.AsArray().Select(r => r!.DeepClone().AsObject()))
            {
                run["automationDetails"] = new JsonObject { ["id"] = $"slipway/trivy/{image}/" };
                runs.Add(run);
            }
        }
        var log = reports[0].Report.DeepClone().AsObject();
        log["runs"] = runs;
        return log;
    }

    private static JsonObject GitLab(IReadOnlyList<(string Image, JsonObject Report)> reports)
    {
        var combined = reports[0].Report.DeepClone().AsObject();
        combined["vulnerabilities"] = new JsonArray([.. reports.SelectMany(r => r.Report["vulnerabilities"]!.AsArray()).Select(v => v!.DeepClone())]);
        combined["remediations"] = new JsonArray([.. reports.SelectMany(r => r.Report["remediations"]?.AsArray() ?? []).Select(v => v!.DeepClone())]);
        var scan = combined["scan"]!.AsObject();
        var times = reports.Select(r => r.Report["scan"]!.AsObject()).ToList();
        // The report's times are "yyyy-MM-ddTHH:mm:ss" (UTC): ordinal order is time order.
        scan["start_time"] = times.Select(t => t["start_time"]!.GetValue<string>()).Min(StringComparer.Ordinal);
        scan["end_time"] = times.Select(t => t["end_time"]!.GetValue<string>()).Max(StringComparer.Ordinal);
        return combined;
    }
}
