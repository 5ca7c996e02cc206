using System.Text;

namespace Slipway.Components.Sbom;

/// <summary>
/// Package URLs (<c>pkg:type/namespace/name@version?qualifiers</c>) of the components Slipway adds to an SBOM. Every
/// part is percent-encoded outside letters, digits and <c>.-_~</c>, so <c>2.36-9+deb12u14</c> becomes
/// <c>2.36-9%2Bdeb12u14</c> and <c>sha256:…</c> becomes <c>sha256%3A…</c> (the form of the <c>oci</c> type's examples);
/// qualifiers are sorted by key, those without a value left out.
/// </summary>
internal static class PackageUrl
{
    /// <summary><c>pkg:nuget/Serilog.AspNetCore@9.0.0</c>.</summary>
    public static string NuGet(string name, string version) => Build("nuget", null, name, version, []);

    /// <summary>
    /// <c>pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&amp;distro=debian-12</c>: the distribution's id as the
    /// namespace, and <c>distro=&lt;id&gt;-&lt;VERSION_ID&gt;</c> when its version is known.
    /// </summary>
    public static string Deb(string distroId, string? distroVersion, string name, string version, string? architecture) =>
        Build("deb", distroId.ToLowerInvariant(), name.ToLowerInvariant(), version,
        [
            ("arch", architecture),
            ("distro", string.IsNullOrEmpty(distroVersion) ? null : $"{distroId.ToLowerInvariant()}-{distroVersion}"),
        ]);

    /// <summary>
    /// <c>pkg:oci/orders@sha256%3A…?repository_url=ghcr.io/acme/orders</c>: the last segment of the repository as the
    /// name, the manifest digest as the version.
    /// </summary>
    public static string Oci(string repository, string digest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        var name = repository[(repository.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return Build("oci", null, name, digest, [("repository_url", repository.Contains('/', StringComparison.Ordinal) ? repository : null)]);
    }

    /// <summary>A purl from its parts; namespace and version optional.</summary>
    public static string Build(string type, string? @namespace, string name, string? version, IEnumerable<(string Key, string? Value)> qualifiers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(qualifiers);
        var purl = new StringBuilder("pkg:").Append(type.ToLowerInvariant()).Append('/');
        if (!string.IsNullOrEmpty(@namespace))
        {
            foreach (var segment in @namespace.Split('/', StringSplitOptions.RemoveEmptyEntries))
                purl.Append(Encode(segment)).Append('/');
        }
        purl.Append(Encode(name));
        if (!string.IsNullOrEmpty(version)) purl.Append('@').Append(Encode(version));
        var present = qualifiers
            .Where(q => !string.IsNullOrEmpty(q.Value))
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => $"{q.Key.ToLowerInvariant()}={EncodeQualifier(q.Value!)}")
            .ToList();
        if (present.Count > 0) purl.Append('?').Append(string.Join('&', present));
        return purl.ToString();
    }

    /// <summary>Percent-encodes every UTF-8 byte outside <c>A-Z a-z 0-9 . - _ ~</c>.</summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_' or '~')
                encoded.Append(c);
            else
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

    // A qualifier value may hold a URL-like path (repository_url=ghcr.io/acme/orders): its slashes stay as they are.
    private static string EncodeQualifier(string value) => string.Join('/', value.Split('/').Select(Encode));
}
