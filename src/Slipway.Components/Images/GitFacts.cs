namespace Slipway.Components.Images;

/// <summary>What git says about the checkout an image is built from. Each value is null when git cannot tell.</summary>
/// <param name="Commit">HEAD's full SHA.</param>
/// <param name="Branch">HEAD's branch; null when detached.</param>
/// <param name="Source">The <c>origin</c> remote as a web address.</param>
/// <param name="CommitTime">HEAD's committer time: the image's <c>created</c> time and <c>SOURCE_DATE_EPOCH</c>, so one commit builds one image.</param>
internal sealed record GitFacts(string? Commit, string? Branch, string? Source, DateTimeOffset? CommitTime = null)
{
    /// <summary>Reads HEAD's commit and its time, its branch (null when detached) and the <c>origin</c> remote as a web address.</summary>
    public static async Task<GitFacts> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var commit = Git.OutputAsync(directory, cancellationToken, "show", "--no-patch", "--format=%H %ct", "HEAD");
        var branch = Git.OutputAsync(directory, cancellationToken, "symbolic-ref", "-q", "--short", "HEAD");
        var remote = Git.OutputAsync(directory, cancellationToken, "remote", "get-url", "origin");
        await Task.WhenAll(commit, branch, remote);
        var (sha, time) = ParseCommit(commit.Result);
        return new GitFacts(sha, branch.Result, remote.Result is { } url ? SourceUrl.FromRemote(url) : null, time);
    }

    // "<sha> <unix seconds>" from git show --format='%H %ct'.
    private static (string? Sha, DateTimeOffset? Time) ParseCommit(string? line)
    {
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 2 }) return (null, null);
        return long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? (parts[0], DateTimeOffset.FromUnixTimeSeconds(seconds))
            : (parts[0], null);
    }
}

/// <summary>Turns a git remote into the public web address of the repository, for <c>org.opencontainers.image.source</c>.</summary>
internal static class SourceUrl
{
    /// <summary>
    /// <c>git@github.com:acme/orders.git</c> and <c>https://user:token@github.com/acme/orders.git</c> both become
    /// <c>https://github.com/acme/orders</c>: credentials, ports of ssh remotes and <c>.git</c> are dropped. Local paths
    /// and <c>file://</c> remotes give null: they name no place a reader of the label could go.
    /// </summary>
    public static string? FromRemote(string remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var text = remote.Trim();
        if (text.Length == 0) return null;

        string host, path;
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "ssh" or "git")) return null;
            host = uri.Scheme is "https" or "http" && !uri.IsDefaultPort ? $"{uri.Host}:{uri.Port}" : uri.Host;
            path = uri.AbsolutePath;
            if (uri.Scheme == "http") return Combine("http", host, path);
        }
        else
        {
            // scp-like: [user@]host:path
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || text.StartsWith('/') || text.StartsWith('.')) return null;
            host = text[..colon];
            host = host[(host.LastIndexOf('@') + 1)..];
            path = text[(colon + 1)..];
        }
        return host.Length == 0 ? null : Combine("https", host, path);
    }

    private static string? Combine(string scheme, string host, string path)
    {
        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.Ordinal)) path = path[..^4];
        return path.Length == 0 ? null : $"{scheme}://{host}/{path}";
    }
}
