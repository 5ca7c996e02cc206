namespace Slipway.CI;

/// <summary>
/// What a CI file must keep for the build to work, read from the rendered file so that it serves every writer: the
/// lines that run <c>./build.sh</c>, the full git history (<c>fetch-depth: 0</c>, <c>GIT_DEPTH</c>), each granted
/// permission and, in a file split into one job per image, each image of the matrix and the hand-over of
/// <c>artifacts/image-jobs/</c>. A committed file must have each such line at least as often as the rendered one; anything else in it
/// (more steps, <c>environment:</c>, <c>concurrency:</c>, moved pins) is the team's business.
/// </summary>
internal static class CiFileRequirements
{
    /// <summary>What <paramref name="committed"/> lost of <paramref name="rendered"/>'s requirements, each as a phrase naming the line and why it is there.</summary>
    public static IReadOnlyList<string> Lost(string rendered, string committed)
    {
        var have = Lines(committed).GroupBy(l => l.Text).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return [.. Of(rendered)
            .GroupBy(r => r.Line)
            .Where(g => have.GetValueOrDefault(g.Key) < g.Count())
            .Select(g => $"'{g.Key}'{(g.Count() > 1 ? $" ({g.Count()} times)" : "")}: {g.First().Why}")];
    }

    /// <summary>The required lines of a rendered file, normalized, with the reason for each.</summary>
    internal static IEnumerable<(string Line, string Why)> Of(string rendered)
    {
        // The entries of a block (more indented than its key line) that are each required, and why.
        var blockIndent = -1;
        var blockWhy = "";
        foreach (var (text, indent) in Lines(rendered))
        {
            if (blockIndent >= 0 && indent <= blockIndent) blockIndent = -1;
            if (blockIndent >= 0)
                yield return (text, blockWhy);
            else if (text == "permissions:")
                (blockIndent, blockWhy) = (indent, "a permission the build's targets need");
            else if (text is "image:" or "- IMAGE:")
                (blockIndent, blockWhy) = (indent, "an image of the release set, built by its own job (PublishSet completes the set only with every image)");
            else if (RunsTheBuild(text))
                yield return (text, "the step that runs the build");
            else if (text.StartsWith("fetch-depth:", StringComparison.Ordinal) || text.StartsWith("GIT_DEPTH:", StringComparison.Ordinal))
                yield return (text, "the full git history GitVersion computes the version from");
            else if (text.Contains(CiImageJobs.HandOver.TrimEnd('/'), StringComparison.Ordinal))
                yield return (text, $"the image jobs' hand-over to the final job (PublishSet reads {CiImageJobs.HandOver})");
        }
    }

    private static bool RunsTheBuild(string text) =>
        text.StartsWith("run: ./build.sh", StringComparison.Ordinal) || text.StartsWith("- run: ./build.sh", StringComparison.Ordinal) ||
        text.StartsWith("- ./build.sh", StringComparison.Ordinal);

    // Each line without its comment, quotes and surrounding blanks, with its indentation; blank lines left out.
    private static IEnumerable<(string Text, int Indent)> Lines(string file)
    {
        foreach (var raw in file.Split('\n'))
        {
            var comment = raw.IndexOf(" #", StringComparison.Ordinal);
            var line = (raw.TrimStart().StartsWith('#') ? "" : comment >= 0 ? raw[..comment] : raw).Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);
            if (line.Trim().Length == 0) continue;
            yield return (string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)), line.Length - line.TrimStart().Length);
        }
    }
}
