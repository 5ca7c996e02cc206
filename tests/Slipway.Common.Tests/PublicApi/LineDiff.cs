using System.Text;

namespace Slipway.Common.Tests.PublicApi;

/// <summary>
/// A short unified-style diff of two texts: a <c>@@ -a,n +b,m @@</c> header per changed block, then its removed
/// (<c>- </c>) and added (<c>+ </c>) lines, no context. Lines are matched by their longest common subsequence.
/// </summary>
internal static class LineDiff
{
    /// <summary>At most this many changed lines are shown; the rest are counted.</summary>
    public const int MaxLines = 80;

    private const long MaxTableCells = 16_000_000;

    /// <summary>The diff from <paramref name="before"/> to <paramref name="after"/>; empty when they are equal.</summary>
    public static string Format(string before, string after)
    {
        var hunks = Hunks(Lines(before), Lines(after));
        var text = new StringBuilder();
        var shown = 0;
        var hidden = 0;
        foreach (var hunk in hunks)
        {
            var lines = hunk.Removed.Select(l => "- " + l).Concat(hunk.Added.Select(l => "+ " + l)).ToList();
            if (shown >= MaxLines)
            {
                hidden += lines.Count;
                continue;
            }
            text.Append("@@ -").Append(hunk.BeforeLine).Append(',').Append(hunk.Removed.Count)
                .Append(" +").Append(hunk.AfterLine).Append(',').Append(hunk.Added.Count).Append(" @@\n");
            foreach (var line in lines)
            {
                if (shown++ < MaxLines) text.Append(line).Append('\n');
                else hidden++;
            }
        }
        if (hidden > 0) text.Append("… and ").Append(hidden).Append(" more changed lines\n");
        return text.ToString();
    }

    /// <summary>A block of changed lines: where it starts (1-based) in each text, and what left and came.</summary>
    public sealed record Hunk(int BeforeLine, int AfterLine, IReadOnlyList<string> Removed, IReadOnlyList<string> Added);

    /// <summary>The changed blocks, in order.</summary>
    public static IReadOnlyList<Hunk> Hunks(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        // Common head and tail first: an API change is usually a few lines in thousands.
        var head = 0;
        while (head < before.Count && head < after.Count && before[head] == after[head]) head++;
        var tail = 0;
        while (tail < before.Count - head && tail < after.Count - head && before[^(tail + 1)] == after[^(tail + 1)]) tail++;
        var a = before.Skip(head).Take(before.Count - head - tail).ToArray();
        var b = after.Skip(head).Take(after.Count - head - tail).ToArray();

        // Two texts with nothing in common past this size are one block: the table would not fit in memory.
        if ((long)a.Length * b.Length > MaxTableCells) return [new Hunk(head + 1, head + 1, a, b)];

        // common[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);

        var hunks = new List<Hunk>();
        var removed = new List<string>();
        var added = new List<string>();
        int x = 0, y = 0, startX = 0, startY = 0;
        void Close()
        {
            if (removed.Count + added.Count > 0) hunks.Add(new Hunk(head + startX + 1, head + startY + 1, [.. removed], [.. added]));
            removed.Clear();
            added.Clear();
        }
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Close();
                x++;
                y++;
                continue;
            }
            if (removed.Count + added.Count == 0) (startX, startY) = (x, y);
            if (y >= b.Length || (x < a.Length && common[x + 1, y] >= common[x, y + 1])) removed.Add(a[x++]);
            else added.Add(b[y++]);
        }
        Close();
        return hunks;
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
