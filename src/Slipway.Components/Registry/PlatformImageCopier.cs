using System.Text.Json;
using Serilog;
using Slipway.Components.Destination;
using Slipway.Components.References;

namespace Slipway.Components.Registry;

/// <summary>
/// Copies the platform images of an image index to another repository (blobs, then each manifest under its own digest),
/// so the index itself can be put there next: a registry refuses an index whose manifests it does not hold, and cosign
/// copy writes an index and its manifests side by side. A one-manifest image is left to the caller.
/// </summary>
internal sealed class PlatformImageCopier(RegistryClient registry, RetrySettings retry)
{
    /// <summary>Copies what the target lacks; returns how many platform manifests were copied.</summary>
    public async Task<int> CopyAsync(ImageRepository source, RegistryCredentials? sourceCredentials, ImageRepository target, RegistryCredentials? targetCredentials,
        string digest, string scratchDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var index = await RegistryRetry.RunAsync($"Manifest of {source}@{digest}", retry,
            ct => registry.GetManifestAsync(source, digest, sourceCredentials, ct), cancellationToken)
            ?? throw new BuildFailedException($"{source}@{digest} does not exist. Check the digest.");
        if (index.MediaType is not ("application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json")) return 0;

        var copied = 0;
        Directory.CreateDirectory(scratchDirectory);
        foreach (var child in Children(index.Body))
        {
            if (await RegistryRetry.RunAsync($"Lookup of {target}@{child}", retry, ct => registry.GetDigestAsync(target, child, targetCredentials, ct), cancellationToken) == child) continue;
            var manifest = await RegistryRetry.RunAsync($"Manifest of {source}@{child}", retry,
                ct => registry.GetManifestAsync(source, child, sourceCredentials, ct), cancellationToken)
                ?? throw new BuildFailedException($"{source}@{digest} lists {child}, which {source} does not hold. Check the source registry.");
            foreach (var blob in Blobs(manifest.Body))
            {
                if (await RegistryRetry.RunAsync($"Lookup of blob {blob[..19]}", retry, ct => registry.HasBlobAsync(target, blob, targetCredentials, ct), cancellationToken)) continue;
                var file = Path.Combine(scratchDirectory, blob["sha256:".Length..]);
                try
                {
                    await RegistryRetry.RunAsync($"Download of {blob[..19]}", retry, async ct => { await registry.DownloadBlobAsync(source, blob, file, sourceCredentials, ct); return true; }, cancellationToken);
                    await RegistryRetry.RunAsync($"Upload of {blob[..19]}", retry, ct => registry.PushBlobAsync(target, blob, file, targetCredentials, ct), cancellationToken);
                }
                finally
                {
                    File.Delete(file);
                }
            }
            await RegistryRetry.RunAsync($"Manifest {target}@{child}", retry, ct => registry.PutManifestAsync(target, child, manifest, targetCredentials, ct), cancellationToken);
            copied++;
        }
        Log.Information("Copied {Count} platform image(s) of {Source}@{Digest} to {Target}", copied, source, digest, target);
        return copied;
    }

    private static List<string> Children(byte[] index)
    {
        using var document = JsonDocument.Parse(index);
        return [.. document.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("digest").GetString()!)];
    }

    private static List<string> Blobs(byte[] manifest)
    {
        using var document = JsonDocument.Parse(manifest);
        var root = document.RootElement;
        var blobs = new List<string> { root.GetProperty("config").GetProperty("digest").GetString()! };
        if (root.TryGetProperty("layers", out var layers)) blobs.AddRange(layers.EnumerateArray().Select(l => l.GetProperty("digest").GetString()!));
        return blobs;
    }
}
