using System.Reflection;
using System.Text;
using Slipway.IO;

namespace Slipway.CI;

/// <summary>
/// The CI files a build declares with <see cref="GitHubActionsAttribute"/> and <see cref="GitLabCiAttribute"/>. A file
/// is written once, when it is missing; from then on it is the team's: a local or CI run never rewrites it, and checks
/// only that it still has what the build needs (<see cref="CiFileRequirements"/>). Its header records a hash of what
/// Slipway rendered (<see cref="CiFileHeader"/>), so a local run can say when the attributes changed since, and
/// <c>./build.sh --update-ci-files</c> re-renders on request, keeping the pins read back from the file (<see cref="CiPins"/>).
/// </summary>
internal static class CiFiles
{
    /// <summary>The engine option that re-renders the CI files.</summary>
    public const string UpdateOption = "update-ci-files";

    /// <summary>One rendered file: where it goes, the attribute it comes from, and its text with the header.</summary>
    internal sealed record Rendered(string Path, string Source, string Content);

    /// <summary>Every CI file the build declares, rendered by its writer, with Slipway's header in place of the writer's first comment.</summary>
    public static IReadOnlyList<Rendered> Render(Type buildType)
    {
        var files = new List<Rendered>();
        foreach (var w in buildType.GetCustomAttributes<GitHubActionsAttribute>())
            files.Add(WithHeader(GitHubActionsWriter.Path(w), $"[GitHubActions(\"{w.Name}\")]", GitHubActionsWriter.Render(w)));
        if (buildType.GetCustomAttribute<GitLabCiAttribute>() is { } g)
            files.Add(WithHeader(GitLabCiWriter.Path, "[GitLabCi]", GitLabCiWriter.Render(g)));
        return files;
    }

    private static Rendered WithHeader(string path, string source, string writerOutput)
    {
        var body = CiFileHeader.WithoutWriterComment(writerOutput);
        return new(path, source, CiFileHeader.Create(source, body) + body);
    }

    /// <summary>
    /// Every run, before any target: fails when a committed file lost something the build needs (naming it and the fix),
    /// and, on a CI server, when a declared file is missing. Nothing is written.
    /// </summary>
    public static void Check(Type buildType, AbsolutePath root, bool isServerBuild)
    {
        var problems = new List<string>();
        foreach (var file in Render(buildType))
        {
            var path = root / file.Path;
            if (!path.FileExists())
            {
                if (isServerBuild) problems.Add($"{file.Path} is missing: run ./build.sh locally (it writes the file from {file.Source}) and commit it.");
                continue;
            }
            var lost = CiFileRequirements.Lost(file.Content, Read(path));
            problems.AddRange(lost.Select(l =>
                $"{file.Path} lost {l}. Put it back, or run ./build.sh --{UpdateOption} to re-render the file from {file.Source} (your pins are kept; your own edits are shown before anything is dropped)."));
        }
        if (problems.Count > 0)
            throw new BuildUsageException("The CI files no longer run the build as it needs:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>
    /// A local run, beside the targets: writes the files that are missing and returns log lines for them, and for each
    /// existing file rendered from other attributes than the build has now (the file itself is left alone).
    /// </summary>
    public static IReadOnlyList<string> Sync(Type buildType, AbsolutePath root)
    {
        var lines = new List<string>();
        foreach (var file in Render(buildType))
        {
            var path = root / file.Path;
            if (!path.FileExists())
            {
                path.WriteAllText(file.Content);
                lines.Add($"{file.Path} written from {file.Source}; commit it. It is yours from now on: ./build.sh never rewrites it.");
                continue;
            }
            var recorded = CiFileHeader.RecordedHash(Read(path));
            if (recorded == CiFileHeader.RecordedHash(file.Content)) continue;
            lines.Add(recorded is null
                ? $"{file.Path} has no Slipway header, so ./build.sh cannot tell whether it matches {file.Source}: ./build.sh --{UpdateOption} shows the difference."
                : $"{file.Path} was rendered from other settings than {file.Source} has now: ./build.sh --{UpdateOption} re-renders it, keeping your pins.");
        }
        return lines;
    }

    /// <summary>
    /// <c>./build.sh --update-ci-files [keep|overwrite]</c>: re-renders each file with the pins read back from it. A file
    /// nobody edited (but for pins) is rewritten. A file with edits of its own is not, unless <paramref name="mode"/> says
    /// <c>overwrite</c> (take the rendered file) or <c>keep</c> (keep the file, record it as current); without either, the
    /// run fails showing the difference. Returns the log lines.
    /// </summary>
    public static IReadOnlyList<string> Update(Type buildType, AbsolutePath root, string? mode)
    {
        if (mode is not (null or "keep" or "overwrite"))
            throw new BuildUsageException($"--{UpdateOption} takes no value, 'keep' or 'overwrite', not '{mode}'.");
        var lines = new List<string>();
        var conflicts = new List<string>();
        foreach (var file in Render(buildType))
        {
            var path = root / file.Path;
            if (!path.FileExists())
            {
                path.WriteAllText(file.Content);
                lines.Add($"{file.Path} written from {file.Source}; commit it.");
                continue;
            }
            var current = Read(path);
            var pinned = CiPins.Apply(file.Content, CiPins.Read(current));
            if (current == pinned)
            {
                lines.Add($"{file.Path} is up to date with {file.Source}.");
                continue;
            }
            if (!CiFileHeader.IsEdited(current) || mode == "overwrite")
            {
                path.WriteAllText(pinned);
                lines.Add($"{file.Path} re-rendered from {file.Source}, pins kept; review and commit it:\n{Diff(current, pinned)}");
            }
            else if (mode == "keep")
            {
                path.WriteAllText(CiFileHeader.Replace(current, file.Source, CiFileHeader.Body(file.Content)));
                lines.Add($"{file.Path} kept as you edited it, and recorded as current for {file.Source}.");
            }
            else
            {
                conflicts.Add($"{file.Path} has edits of its own; re-rendering it from {file.Source} would change (- yours, + rendered):\n{Diff(current, pinned)}");
            }
        }
        if (conflicts.Count > 0)
        {
            throw new BuildUsageException(string.Join("\n", conflicts) + "\nNothing was written for these files. Choose: carry the '+' lines you want " +
                $"into the file by hand and run ./build.sh --{UpdateOption} keep (records the file as current), or run " +
                $"./build.sh --{UpdateOption} overwrite (takes the rendered file; your version stays in git).");
        }
        return lines;
    }

    private static string Read(AbsolutePath path) => path.ReadAllText().ReplaceLineEndings("\n");

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
