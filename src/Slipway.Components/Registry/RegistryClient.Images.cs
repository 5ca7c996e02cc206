using Slipway.Components.Destination;
using Slipway.Components.References;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Slipway.Components.Registry;

/// <summary>A manifest as the registry stores it: its digest, media type and exact bytes.</summary>
internal sealed record RegistryManifest(string Digest, string MediaType, byte[] Body);

/// <summary>
/// What an image in the registry is: its manifest digest, its config digest and its labels; for an index, those of its
/// first platform image, with the index's own digest.
/// </summary>
internal sealed record RemoteImage(string ManifestDigest, string ConfigDigest, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>True when the reference names an image index (a multi-platform image), false for one platform's manifest.</summary>
    public bool IsIndex { get; init; }

    /// <summary>The label's value, or null.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}

internal sealed partial class RegistryClient
{
    /// <summary>The manifest a tag or digest names, byte for byte, or null when the registry does not have it.</summary>
    public async Task<RegistryManifest?> GetManifestAsync(ImageRepository repository, string reference, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var uri = new Uri(repository.ApiBase, $"{repository.Path}/manifests/{reference}");
        using var response = await SendAsync(HttpMethod.Get, uri, repository, credentials, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw Failure(response, uri, credentials);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? MediaTypeOf(body)
            ?? throw new BuildFailedException($"{repository}:{reference} has a manifest without a media type. Check the registry.");
        return new RegistryManifest(digest, mediaType, body);
    }

    /// <summary>
    /// The image a tag or digest names: its manifest digest, config digest and labels. For an index, the image of its
    /// first platform manifest (attestations left out) is read, and the index's own digest is reported. Null when absent.
    /// </summary>
    public async Task<RemoteImage?> GetImageAsync(ImageRepository repository, string reference, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        var manifest = await GetManifestAsync(repository, reference, credentials, cancellationToken);
        if (manifest is null) return null;
        var image = manifest;
        if (IsIndex(manifest.MediaType))
        {
            var platform = FirstPlatformManifest(manifest.Body)
                ?? throw new BuildFailedException($"{repository}:{reference} is an index without an image manifest. Check what was pushed there.");
            image = await GetManifestAsync(repository, platform, credentials, cancellationToken)
                ?? throw new BuildFailedException($"{repository}:{reference} lists {platform}, which the registry does not have. Check the registry.");
        }
        var configDigest = ConfigDigest(image.Body)
            ?? throw new BuildFailedException($"{repository}:{reference} has a manifest without a config. Check what was pushed there.");
        var uri = new Uri(repository.ApiBase, $"{repository.Path}/blobs/{configDigest}");
        using var response = await SendAsync(HttpMethod.Get, uri, repository, credentials, cancellationToken);
        if (!response.IsSuccessStatusCode) throw Failure(response, uri, credentials);
        var config = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RemoteImage(manifest.Digest, configDigest, Labels(config)) { IsIndex = IsIndex(manifest.MediaType) };
    }

    /// <summary>Puts a manifest under a tag (a tag copied inside one repository: no blob moves). Returns the digest the registry stored.</summary>
    public async Task<string> PutManifestAsync(ImageRepository repository, string tag, RegistryManifest manifest, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(manifest);
        var uri = new Uri(repository.ApiBase, $"{repository.Path}/manifests/{tag}");
        using var response = await SendAsync(HttpMethod.Put, uri, repository, credentials, cancellationToken, () =>
        {
            var content = new ByteArrayContent(manifest.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return content;
        });
        if (!response.IsSuccessStatusCode) throw Failure(response, uri, credentials);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest ? digest : manifest.Digest;
    }

    private static bool IsIndex(string mediaType) =>
        mediaType is "application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json";

    private static string? MediaTypeOf(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("mediaType", out var type) ? type.GetString() : null;
    }

    private static string? ConfigDigest(byte[] manifest)
    {
        using var document = JsonDocument.Parse(manifest);
        return document.RootElement.TryGetProperty("config", out var config) && config.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
    }

    // The first manifest of an index that is an image for a platform, not an attestation (platform unknown/unknown).
    private static string? FirstPlatformManifest(byte[] index)
    {
        using var document = JsonDocument.Parse(index);
        if (!document.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array) return null;
        foreach (var entry in manifests.EnumerateArray())
        {
            var os = entry.TryGetProperty("platform", out var platform) && platform.TryGetProperty("os", out var o) ? o.GetString() : null;
            if (os is null or "unknown") continue;
            if (entry.TryGetProperty("digest", out var digest)) return digest.GetString();
        }
        return null;
    }

    private static Dictionary<string, string> Labels(byte[] config)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(config);
        if (document.RootElement.TryGetProperty("config", out var inner) && inner.TryGetProperty("Labels", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in map.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String) labels[label.Name] = label.Value.GetString()!;
            }
        }
        return labels;
    }
}
