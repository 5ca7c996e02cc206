using System.Security.Cryptography;
using System.Text;

namespace Slipway.Components.Images;

/// <summary>The tag of a branch's registry build cache: <c>buildcache-&lt;branch&gt;</c>, made a valid tag.</summary>
internal static class BuildCacheTag
{
    private const string Prefix = "buildcache-";
    private const int MaxTagLength = 128;

    /// <summary>
    /// <c>feature/Login-Page</c> → <c>buildcache-feature-login-page</c>. Lower case; anything but letters, digits,
    /// <c>.</c> and <c>_</c> becomes a dash; runs of dashes collapse. A name too long for a tag (128 characters) is cut
    /// and ends in a hash of the whole name, so two long branches never share a cache.
    /// </summary>
    public static string ForBranch(string branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var name = branch.Trim();
        if (name.StartsWith("refs/heads/", StringComparison.Ordinal)) name = name["refs/heads/".Length..];

        var sb = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '.' or '_';
            if (keep) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var sanitised = sb.ToString().Trim('-', '.');
        if (sanitised.Length == 0)
            throw new ArgumentException($"The branch name '{branch}' has no character usable in an image tag.", nameof(branch));

        var room = MaxTagLength - Prefix.Length;
        if (sanitised.Length > room)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
            sanitised = sanitised[..(room - hash.Length - 1)].TrimEnd('-', '.') + "-" + hash;
        }
        return Prefix + sanitised;
    }
}
