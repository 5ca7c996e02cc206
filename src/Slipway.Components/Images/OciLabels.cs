using System.Globalization;

namespace Slipway.Components.Images;

/// <summary>What the OCI annotation labels of an image say about it. Unknown values are left out, never guessed.</summary>
internal sealed record ImageProvenance(string Title, string? Version, string? Revision, DateTimeOffset Created, string? Source, string? Licenses)
{
    /// <summary>The final stage's base image as given (<c>--runtime-image</c> or the Dockerfile's default), when known.</summary>
    public string? BaseName { get; init; }
}

/// <summary>The <c>org.opencontainers.image.*</c> labels (OCI image spec, annotations) an image is built with.</summary>
internal static class OciLabels
{
    public const string Title = "org.opencontainers.image.title";
    public const string Version = "org.opencontainers.image.version";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Created = "org.opencontainers.image.created";
    public const string Source = "org.opencontainers.image.source";
    public const string Licenses = "org.opencontainers.image.licenses";
    public const string BaseName = "org.opencontainers.image.base.name";

    /// <summary>The labels, in a fixed order; <c>created</c> is RFC 3339 in UTC to the second.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(ImageProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        var labels = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) labels.Add(new(key, value.Trim()));
        }
        Add(Title, provenance.Title);
        Add(Version, provenance.Version);
        Add(Revision, provenance.Revision);
        Add(Created, provenance.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Add(Source, provenance.Source);
        Add(Licenses, provenance.Licenses);
        Add(BaseName, provenance.BaseName);
        return labels;
    }
}
