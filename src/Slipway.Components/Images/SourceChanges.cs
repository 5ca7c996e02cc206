using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Images;

/// <summary>
/// The files of the build context that are not the committed source: modified, staged, deleted, untracked and
/// git-ignored files, as <c>git status</c> reports them, less what <c>.dockerignore</c> keeps out of the context.
/// An image built from a context with any of them holds code that is in no commit.
/// </summary>
internal sealed record SourceChanges(IReadOnlyList<string> Files)
{
    /// <summary>No change: the context is the committed source.</summary>
    public static SourceChanges None { get; } = new([]);

    /// <summary>True when the build context differs from the commit.</summary>
    public bool IsDirty => Files.Count > 0;

    /// <summary>At most <paramref name="count"/> of the files, comma-separated, with how many more there are.</summary>
    public string Describe(int count = 10)
    {
        var shown = string.Join(", ", Files.Take(count));
        return Files.Count > count ? $"{shown} and {Files.Count - count} more" : shown;
    }

    /// <summary>
    /// Asks git for the changes under <paramref name="contextDirectory"/> and keeps those the build context holds.
    /// Outside a git repository (or without git) there is no commit to compare with, and nothing is reported.
    /// </summary>
    public static async Task<SourceChanges> ReadAsync(string contextDirectory, string dockerfile, CancellationToken cancellationToken = default)
    {
        var prefix = await Git.RunAsync(contextDirectory, cancellationToken, "rev-parse", "--show-prefix");
        if (prefix.ExitCode != 0) return None;
        var status = await Git.RunAsync(contextDirectory, cancellationToken,
            "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=traditional", "--no-renames", "--", ".");
        if (status.ExitCode != 0)
            throw new BuildFailedException($"git status failed in {contextDirectory} (exit code {status.ExitCode}): {status.StandardError.Trim()}");
        var ignore = DockerIgnore.Load(dockerfile, contextDirectory);
        return new SourceChanges(InContext(status.StandardOutput, prefix.StandardOutput.Trim(), ignore));
    }

    /// <summary>
    /// The paths of <c>git status --porcelain=v1 -z</c> output (relative to the repository root) that lie in the
    /// context (<paramref name="contextPrefix"/>, e.g. <c>services/orders/</c> or empty) and that
    /// <paramref name="ignore"/> does not exclude, relative to the context, sorted.
    /// </summary>
    internal static IReadOnlyList<string> InContext(string porcelain, string contextPrefix, DockerIgnore? ignore)
    {
        ArgumentNullException.ThrowIfNull(porcelain);
        ArgumentNullException.ThrowIfNull(contextPrefix);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in porcelain.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Length < 4) continue;
            var path = entry[3..];
            if (!path.StartsWith(contextPrefix, StringComparison.Ordinal)) continue;
            var relative = path[contextPrefix.Length..].TrimEnd('/');
            if (relative.Length == 0 || (ignore is not null && ignore.Excludes(relative))) continue;
            files.Add(relative);
        }
        return [.. files];
    }
}
