using System.Reflection;
using System.Text;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.CI;

/// <summary>
/// The CI files a build declares with <see cref="GitHubActionsAttribute"/> and <see cref="GitLabCiAttribute"/>:
/// written on local runs when they changed; on a CI server a stale committed file fails the run with a diff.
/// </summary>
internal static class CiFiles
{
    public static IReadOnlyList<(string Path, string Content)> Render(Type buildType)
    {
        var files = new List<(string, string)>();
        foreach (var w in buildType.GetCustomAttributes<GitHubActionsAttribute>()) files.Add((GitHubActionsWriter.Path(w), GitHubActionsWriter.Render(w)));
        if (buildType.GetCustomAttribute<GitLabCiAttribute>() is { } g) files.Add((GitLabCiWriter.Path, GitLabCiWriter.Render(g)));
        return files;
    }

    /// <summary>
    /// Writes the files that changed (a local run) and returns what it wrote, as lines for the log; on a CI server fails
    /// with a diff when a committed file is stale or missing.
    /// </summary>
    public static IReadOnlyList<string> Sync(Type buildType, AbsolutePath root, bool isServerBuild)
    {
        var written = new List<string>();
        var stale = new List<string>();
        foreach (var (path, content) in Render(buildType))
        {
            var file = root / path;
            var current = file.FileExists() ? file.ReadAllText().ReplaceLineEndings("\n") : null;
            if (current == content) continue;
            if (!isServerBuild)
            {
                file.WriteAllText(content);
                written.Add($"{path} {(current is null ? "written" : "updated")} from the build's attributes; commit it");
            }
            else
            {
                stale.Add($"{path} is {(current is null ? "missing" : "out of date")}:\n{Diff(current ?? "", content)}");
            }
        }
        if (stale.Count > 0)
        {
            throw new BuildUsageException(
                "The committed CI files do not match the build's [GitHubActions]/[GitLabCi] attributes. " +
                "Run ./build.sh --help locally (it regenerates them) and commit the result.\n" + string.Join("\n", stale));
        }
        return written;
    }

    /// <summary>A line diff (<c>- committed</c>, <c>+ generated</c>), at most 40 lines.</summary>
    internal static string Diff(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var sb = new StringBuilder();
        int x = 0, y = 0, lines = 0;
        while ((x < a.Length || y < b.Length) && lines < 40)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { x++; y++; continue; }
            if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y])) sb.AppendLine("+ " + b[y++]);
            else sb.AppendLine("- " + a[x++]);
            lines++;
        }
        return sb.ToString().TrimEnd();
    }
}
