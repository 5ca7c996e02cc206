namespace Slipway.Components.Sbom;

/// <summary>The distribution of an image, from its <c>/etc/os-release</c> (or <c>/usr/lib/os-release</c>).</summary>
/// <param name="Id">The lower-case <c>ID</c>, e.g. <c>debian</c> or <c>ubuntu</c>.</param>
/// <param name="VersionId">The <c>VERSION_ID</c>, e.g. <c>12</c> or <c>24.04</c>; null when the file has none (Debian testing).</param>
/// <param name="PrettyName">The <c>PRETTY_NAME</c>, for the log; null when the file has none.</param>
internal sealed record OsRelease(string Id, string? VersionId, string? PrettyName)
{
    /// <summary>What an image without os-release is taken for: the dpkg database makes it Debian-like.</summary>
    public static OsRelease UnknownDebian { get; } = new("debian", null, null);

    /// <summary>The distribution as the purl's <c>distro</c> qualifier names it, e.g. <c>debian-12</c>; null without a version.</summary>
    public string? Distro => VersionId is null ? null : $"{Id}-{VersionId}";

    /// <summary>Parses the <c>KEY=value</c> lines of os-release (values optionally quoted); null when there is no <c>ID</c>.</summary>
    public static OsRelease? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            values[line[..eq].Trim()] = Unquote(line[(eq + 1)..].Trim());
        }
        if (!values.TryGetValue("ID", out var id) || id.Length == 0) return null;
        return new OsRelease(id.ToLowerInvariant(),
            values.TryGetValue("VERSION_ID", out var version) && version.Length > 0 ? version : null,
            values.TryGetValue("PRETTY_NAME", out var pretty) && pretty.Length > 0 ? pretty : null);
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0]) value = value[1..^1];
        return value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }
}
