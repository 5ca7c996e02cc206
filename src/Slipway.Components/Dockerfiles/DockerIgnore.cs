using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A parsed <c>.dockerignore</c> with Docker's matching rules: <c>#</c> comments, <c>!</c> exceptions, the last
/// matching pattern wins, a leading <c>/</c> is dropped, <c>*</c> and <c>?</c> stop at <c>/</c>, <c>**</c> spans any
/// number of directories, and excluding a directory excludes everything in it. Unlike <c>.gitignore</c>, a
/// pattern without <c>**/</c> only matches from the context root: <c>bin</c> does not exclude <c>src/App/bin</c>.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Exception)> _patterns;

    private DockerIgnore(string fileName, IReadOnlyList<(Regex, bool)> patterns)
    {
        FileName = fileName;
        _patterns = patterns;
    }

    /// <summary>The file's name, e.g. <c>.dockerignore</c> or <c>Dockerfile.dockerignore</c>.</summary>
    public string FileName { get; }

    /// <summary>Parses the content of an ignore file.</summary>
    public static DockerIgnore Parse(string text, string fileName = ".dockerignore")
    {
        ArgumentNullException.ThrowIfNull(text);
        var patterns = new List<(Regex, bool)>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var exception = line[0] == '!';
            if (exception) line = line[1..].Trim();
            var cleaned = Clean(line);
            if (cleaned.Length == 0) continue;
            patterns.Add((ToRegex(cleaned), exception));
        }
        return new DockerIgnore(fileName, patterns);
    }

    /// <summary>
    /// Finds the ignore file Docker uses for a Dockerfile: <c>&lt;Dockerfile name&gt;.dockerignore</c> beside it,
    /// else <c>.dockerignore</c> at the root of the build context. Null when neither exists.
    /// </summary>
    public static DockerIgnore? Load(string dockerfilePath, string contextDirectory)
    {
        var specific = dockerfilePath + ".dockerignore";
        if (File.Exists(specific)) return Parse(File.ReadAllText(specific), Path.GetFileName(specific));
        var general = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(general) ? Parse(File.ReadAllText(general)) : null;
    }

    /// <summary>True when a path relative to the context root (with <c>/</c>) is left out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = Clean(relativePath);
        var excluded = false;
        foreach (var (pattern, exception) in _patterns)
        {
            if (excluded != exception) continue; // only a pattern of the other kind can change the outcome
            if (MatchesOrParentMatches(pattern, path)) excluded = !exception;
        }
        return excluded;
    }

    private static bool MatchesOrParentMatches(Regex pattern, string path)
    {
        if (pattern.IsMatch(path)) return true;
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            if (pattern.IsMatch(path[..slash])) return true;
        return false;
    }

    /// <summary>Like Go's <c>filepath.Clean</c> without a leading <c>/</c>: no empty, <c>.</c> or resolved <c>..</c> segments.</summary>
    private static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 == pattern.Length) sb.Append(".*");
                else if (pattern[i + 1] == '/')
                {
                    i++;
                    sb.Append("(.*/)?");
                }
                else sb.Append(".*");
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else if (c == '\\' && i + 1 < pattern.Length) sb.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '[')
            {
                var close = pattern.IndexOf(']', i + 1);
                if (close < 0) sb.Append("\\[");
                else
                {
                    sb.Append('[').Append(pattern, i + 1, close - i - 1).Append(']'); // Go and .NET classes agree: [a-z], [^a]
                    i = close;
                }
            }
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
