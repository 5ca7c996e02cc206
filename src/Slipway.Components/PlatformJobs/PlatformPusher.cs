using Serilog;
using Slipway.Components.Destination;
using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.References;
using Slipway.Components.Registry;

namespace Slipway.Components.PlatformJobs;

/// <summary>
/// Pushes one platform's scanned image by digest only, from the OCI layout DockerBuild unpacked: its config and layers
/// (each checked by the registry against its digest, skipped when present), then its manifest under its own digest. No tag
/// is written: the merge job tags the index.
/// </summary>
internal sealed class PlatformPusher(RegistryClient registry, RetrySettings retry)
{
    public async Task<string> PushAsync(OciLayout layout, PlatformImage image, ImageRepository repository, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(repository);
        var blobs = layout.BlobsOf(image);
        foreach (var (digest, path) in blobs)
        {
            if (!File.Exists(path))
                throw new BuildFailedException($"The OCI layout {layout.Directory} lacks {digest} of {image.Platform}. Run DockerBuild again; nothing was pushed.");
            await RegistryRetry.RunAsync($"Upload of {digest[..19]} to {repository}", retry,
                ct => registry.PushBlobAsync(repository, digest, path, credentials, ct), cancellationToken);
        }
        var body = layout.Blob(image.Digest);
        var mediaType = MediaTypeOf(body);
        var stored = await RegistryRetry.RunAsync($"Manifest of {repository}@{image.Digest}", retry,
            ct => registry.PutManifestAsync(repository, image.Digest, new RegistryManifest(image.Digest, mediaType, body), credentials, ct), cancellationToken);
        if (stored != image.Digest)
            throw new BuildFailedException($"{repository} stored the {image.Platform} manifest as {stored}, not as {image.Digest}. Check the registry; nothing was tagged.");
        Log.Information("Pushed {Platform} as {Repository}@{Digest} ({Count} blobs), by digest only", image.Platform, repository, image.Digest, blobs.Count);
        return stored;
    }

    private static string MediaTypeOf(byte[] manifest)
    {
        using var document = System.Text.Json.JsonDocument.Parse(manifest);
        return document.RootElement.TryGetProperty("mediaType", out var type) && type.GetString() is { } value ? value : ImageIndex.ManifestMediaType;
    }
}
