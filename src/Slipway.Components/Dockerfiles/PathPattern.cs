using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A path pattern as Docker matches <c>.dockerignore</c> lines and <c>COPY</c> sources against build context paths:
/// <c>*</c> and <c>?</c> stop at <c>/</c>, <c>**</c> spans any number of directories, <c>[…]</c> is a character class,
/// <c>\</c> makes the next character literal. Matching is case-sensitive, as on Linux.
/// </summary>
internal sealed class PathPattern
{
    private readonly Regex _regex;

    private PathPattern(Regex regex) => _regex = regex;

    /// <summary>The pattern of a path as written; it is cleaned (see <see cref="Clean"/>) first.</summary>
    public static PathPattern Parse(string pattern) => new(ToRegex(Clean(pattern)));

    /// <summary>
    /// True when the path or one of its parent directories matches: what a <c>.dockerignore</c> pattern excludes and what
    /// a <c>COPY</c> source copies (a directory is copied, or left out, with everything in it).
    /// </summary>
    public bool MatchesOrContains(string cleanPath)
    {
        ArgumentNullException.ThrowIfNull(cleanPath);
        if (_regex.IsMatch(cleanPath)) return true;
        for (var slash = cleanPath.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = cleanPath.IndexOf('/', slash + 1))
            if (_regex.IsMatch(cleanPath[..slash])) return true;
        return false;
    }

    /// <summary>
    /// The part of <paramref name="cleanPath"/> the pattern matches: the path itself, or the nearest parent directory it
    /// matches (a <c>COPY</c> of a directory copies its content); null when neither matches.
    /// </summary>
    public string? MatchedPart(string cleanPath)
    {
        ArgumentNullException.ThrowIfNull(cleanPath);
        for (var slash = cleanPath.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = cleanPath.IndexOf('/', slash + 1))
            if (_regex.IsMatch(cleanPath[..slash])) return cleanPath[..slash];
        return _regex.IsMatch(cleanPath) ? cleanPath : null;
    }

    /// <summary>True when the pattern has a wildcard (<c>*</c>, <c>?</c>, <c>[</c>) that is not escaped.</summary>
    public static bool HasWildcard(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\') i++;
            else if (pattern[i] is '*' or '?' or '[') return true;
        }
        return false;
    }

    /// <summary>
    /// Like Go's <c>filepath.Clean</c> without a leading <c>/</c>: <c>\</c> read as <c>/</c>, no empty, <c>.</c> or
    /// resolved <c>..</c> segments. The context root itself (<c>.</c>, <c>/</c>, <c>./</c>) is the empty string.
    /// </summary>
    public static string Clean(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
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
