using System.Globalization;
using System.Text;
using Slipway.Logging;

namespace Slipway.Execution;

/// <summary>The table that closes every run: target, status, duration and notes; as text and as Markdown.</summary>
internal static class SummaryTable
{
    public static string Text(IReadOnlyList<TargetResult> results, BuildSession session, TimeSpan total)
    {
        var rows = results.Select(r => (r.Target.Name, Status(r), Duration(r), Notes(r, session))).ToList();
        var nameWidth = Math.Max(6, rows.Max(r => r.Name.Length));
        var statusWidth = Math.Max(6, rows.Max(r => r.Item2.Length));
        var line = new string('═', Math.Min(100, nameWidth + statusWidth + 30));
        var sb = new StringBuilder();
        sb.AppendLine(line);
        sb.AppendLine($"{"Target".PadRight(nameWidth)}  {"Status".PadRight(statusWidth)}  {"Duration",8}  Notes");
        sb.AppendLine(new string('─', line.Length));
        foreach (var (name, status, duration, notes) in rows)
        {
            var first = notes.Count > 0 ? notes[0] : "";
            sb.AppendLine($"{name.PadRight(nameWidth)}  {status.PadRight(statusWidth)}  {duration,8}  {first}".TrimEnd());
            foreach (var more in notes.Skip(1))
                sb.AppendLine($"{"".PadRight(nameWidth + statusWidth + 14)}{more}");
        }
        sb.AppendLine(new string('─', line.Length));
        sb.AppendLine($"{"Total".PadRight(nameWidth)}  {"".PadRight(statusWidth)}  {Format(total),8}");
        sb.Append(line);
        return SecretMasker.Apply(sb.ToString());
    }

    public static string Markdown(IReadOnlyList<TargetResult> results, BuildSession session, TimeSpan total, bool succeeded)
    {
        var sb = new StringBuilder();
        sb.AppendLine(succeeded ? "### Build succeeded" : "### Build failed");
        sb.AppendLine();
        sb.AppendLine("| Target | Status | Duration | Notes |");
        sb.AppendLine("|---|---|---:|---|");
        foreach (var r in results)
            sb.AppendLine($"| {r.Target.Name} | {Status(r)} | {Duration(r)} | {string.Join("<br>", Notes(r, session).Select(n => n.Replace("|", "\\|")))} |");
        sb.AppendLine($"| **Total** | | {Format(total)} | |");
        return SecretMasker.Apply(sb.ToString());
    }

    private static string Status(TargetResult r) => r.Reason is null ? r.Status.ToString() : $"{r.Status} ({r.Reason})";

    private static string Duration(TargetResult r) => r.Status is TargetStatus.Succeeded or TargetStatus.Failed ? Format(r.Duration) : "";

    private static List<string> Notes(TargetResult r, BuildSession session)
    {
        var notes = session.NotesOf(r.Target.Name).ToList();
        if (r.Error is not null) notes.Insert(0, FirstLine(r.Error.Message));
        return notes;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Format(TimeSpan t) =>
        t.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:00}.{t.Milliseconds / 100}")
            : string.Create(CultureInfo.InvariantCulture, $"0:{t.Seconds:00}.{t.Milliseconds / 100}");
}
