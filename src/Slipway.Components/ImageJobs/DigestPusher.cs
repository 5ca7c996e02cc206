using System.Formats.Tar;
using System.Text.Json;
using Serilog;
using Slipway.Components.Destination;
using Slipway.Components.Docker;
using Slipway.Components.PlatformJobs;
using Slipway.Components.Platforms;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.IO;

namespace Slipway.Components.ImageJobs;

/// <summary>
/// Pushes one image to <paramref name="repository"/> by digest only, from an OCI layout: an index as each of its
/// manifests (their blobs first) and then the index, a manifest as its blobs and itself. The registry checks every blob
/// against its digest and skips the ones it holds; no tag is written.
/// </summary>
internal sealed class DigestPusher(RegistryClient registry, RetrySettings retry, ImageRepository repository, RegistryCredentials? credentials)
{
    /// <summary>Pushes the image <paramref name="digest"/> names in <paramref name="layout"/>; returns the digest the registry stored.</summary>
    public async Task<string> PushAsync(OciLayout layout, string digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!layout.HasBlob(digest))
            throw new BuildFailedException($"The OCI layout {layout.Directory} does not hold the image {digest}. Run DockerBuild again in this checkout; nothing was pushed.");
        var body = layout.Blob(digest);
        var mediaType = MediaTypeOf(body);
        var platforms = new PlatformPusher(registry, retry);
        if (!IsIndex(mediaType)) return await platforms.PushAsync(layout, new PlatformImage("the image", digest, ""), repository, credentials, cancellationToken);

        foreach (var (child, platform) in Children(body))
        {
            if (!layout.HasBlob(child))
                throw new BuildFailedException($"The OCI layout {layout.Directory} lacks {child} ({platform}) of the index {digest}. Run DockerBuild again in this checkout; nothing was pushed.");
            await platforms.PushAsync(layout, new PlatformImage(platform, child, ""), repository, credentials, cancellationToken);
        }
        var stored = await RegistryRetry.RunAsync($"Index {repository}@{digest}", retry,
            ct => registry.PutManifestAsync(repository, digest, new RegistryManifest(digest, mediaType, body), credentials, ct), cancellationToken);
        if (stored != digest) throw new BuildFailedException($"{repository} stored the index as {stored}, not {digest}. Check the registry; nothing was tagged.");
        Log.Information("Pushed the index {Repository}@{Digest}, by digest only", repository, digest);
        return stored;
    }

    /// <summary>
    /// Pushes the engine's image <paramref name="reference"/> by digest: <c>docker save</c> writes it as an OCI layout into
    /// <paramref name="scratch"/> (emptied first, removed after), and what its <c>index.json</c> names is pushed.
    /// </summary>
    public async Task<string> PushLocalAsync(DockerCli docker, string reference, AbsolutePath scratch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.DeleteDirectory();
        var layoutDirectory = (scratch / "layout").CreateDirectory();
        var archive = scratch / "image.tar";
        try
        {
            var save = await docker.TryAsync(cancellationToken, "save", "--output", archive, reference);
            if (save.ExitCode != 0)
                throw new BuildFailedException($"docker save {reference} failed: {save.StandardError.Trim()}. Run DockerBuild again in this checkout; nothing was pushed.");
            await TarFile.ExtractToDirectoryAsync(archive, layoutDirectory, overwriteFiles: true, cancellationToken);
            var layout = new OciLayout(layoutDirectory);
            var (top, _) = layout.ReadIndex();
            return await PushAsync(layout, top, cancellationToken);
        }
        finally
        {
            scratch.DeleteDirectory();
        }
    }

    private static IEnumerable<(string Digest, string Platform)> Children(byte[] index)
    {
        using var document = JsonDocument.Parse(index);
        var children = new List<(string, string)>();
        foreach (var manifest in document.RootElement.GetProperty("manifests").EnumerateArray())
        {
            var platform = manifest.TryGetProperty("platform", out var p)
                ? $"{p.GetProperty("os").GetString()}/{p.GetProperty("architecture").GetString()}"
                : "an attachment";
            children.Add((manifest.GetProperty("digest").GetString()!, platform));
        }
        return children;
    }

    private static bool IsIndex(string mediaType) =>
        mediaType is "application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json";

    private static string MediaTypeOf(byte[] manifest)
    {
        using var document = JsonDocument.Parse(manifest);
        return document.RootElement.TryGetProperty("mediaType", out var type) && type.GetString() is { } value ? value : ImageIndex.ManifestMediaType;
    }
}
