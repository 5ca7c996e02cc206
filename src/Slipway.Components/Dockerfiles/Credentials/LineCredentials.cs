using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>Credentials of files read line by line: <c>.npmrc</c>, <c>.pypirc</c>, <c>.git-credentials</c>, <c>.netrc</c>, Docker's <c>config.json</c>.</summary>
internal static partial class LineCredentials
{
    /// <summary><c>_authToken=</c>, <c>_auth=</c> or <c>_password=</c> (also scoped: <c>//host/:_authToken=</c>) with a literal value, not <c>${NPM_TOKEN}</c>.</summary>
    public static IEnumerable<FileCredential> Npmrc(string text) =>
        Find(text, NpmrcSecret(), m => IsLiteral(m.Groups["value"].Value), Describe);

    /// <summary>A <c>password</c> of an index section with a literal value.</summary>
    public static IEnumerable<FileCredential> Pypirc(string text) =>
        Find(text, PypircPassword(), m => IsLiteral(m.Groups["value"].Value), _ => "a literal password");

    /// <summary>A URL with a password in it: <c>https://user:token@host</c>.</summary>
    public static IEnumerable<FileCredential> GitCredentials(string text) =>
        Find(text, UrlWithPassword(), _ => true, _ => "a URL with a password");

    /// <summary>A <c>password</c> token followed by its value.</summary>
    public static IEnumerable<FileCredential> Netrc(string text) =>
        Find(text, NetrcPassword(), m => IsLiteral(m.Groups["value"].Value), _ => "a password");

    /// <summary>An <c>"auth"</c>, <c>"identitytoken"</c> or <c>"registrytoken"</c> with a value.</summary>
    public static IEnumerable<FileCredential> DockerConfig(string text) =>
        Find(text, DockerAuth(), _ => true, m => $"a registry \"{m.Groups["key"].Value}\"");

    private static IEnumerable<FileCredential> Find(string text, Regex pattern, Func<Match, bool> holdsCredential, Func<Match, string> describe)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (line.StartsWith('#') || line.StartsWith(';')) continue;
            if (pattern.Match(line) is { Success: true } match && holdsCredential(match))
                yield return new FileCredential(i + 1, describe(match));
        }
    }

    private static string Describe(Match npmrc) =>
        npmrc.Groups["scope"].Success ? $"a literal {npmrc.Groups["key"].Value} for {npmrc.Groups["scope"].Value}" : $"a literal {npmrc.Groups["key"].Value}";

    private static bool IsLiteral(string value)
    {
        var unquoted = value.Trim().Trim('"', '\'');
        return unquoted.Length > 0 && !EnvironmentReference.IsOnlyReferences(unquoted);
    }

    [GeneratedRegex(@"^((?<scope>\S*):)?(?<key>_(authToken|auth|password))\s*=\s*(?<value>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex NpmrcSecret();

    [GeneratedRegex(@"^password\s*[=:]\s*(?<value>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex PypircPassword();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/@:\s]*:[^/@\s]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlWithPassword();

    [GeneratedRegex(@"(^|\s)password\s+(?<value>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex NetrcPassword();

    [GeneratedRegex(@"""(?<key>auth|identitytoken|registrytoken)""\s*:\s*""[^""]+""", RegexOptions.IgnoreCase)]
    private static partial Regex DockerAuth();
}
