using System.Formats.Tar;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.IO;

namespace Slipway.Components.Platforms;

/// <summary>One platform's image of an index: its platform, manifest digest and config digest.</summary>
/// <param name="Platform">The OCI platform, e.g. <c>linux/arm64</c>.</param>
/// <param name="Digest">The platform manifest's digest.</param>
/// <param name="ConfigDigest">The digest of its image config.</param>
public sealed record PlatformImage(string Platform, string Digest, string ConfigDigest);

/// <summary>
/// An OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>) as BuildKit's OCI exporter
/// writes it for a build with <c>--platform</c>: the layout's index names the image index, which lists one manifest per
/// platform, or (one platform) that platform's manifest.
/// </summary>
internal sealed class OciLayout(AbsolutePath directory)
{
    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";

    /// <summary>The layout's directory.</summary>
    public AbsolutePath Directory { get; } = directory;

    /// <summary>
    /// Keeps only the image <paramref name="digest"/> (an index, or one platform's manifest) in the layout: <c>index.json</c>
    /// names it alone, and every blob it does not reach (an earlier build's layers, configs and manifests) and BuildKit's
    /// <c>ingest</c> leftovers are deleted. Fails when the layout does not hold that image.
    /// </summary>
    public void Retain(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var indexFile = Directory / "index.json";
        var top = indexFile.FileExists() ? JsonNode.Parse(indexFile.ReadAllText())!.AsObject() : null;
        var entry = top?["manifests"]?.AsArray().LastOrDefault(m => m?["digest"]?.GetValue<string>() == digest);
        if (entry is null || !HasBlob(digest))
            throw new BuildFailedException($"The OCI layout {Directory} does not hold the image {digest} BuildKit reported. Run DockerBuild again.");
        top!["manifests"] = new JsonArray(entry.DeepClone());
        indexFile.WriteAllText(top.ToJsonString());

        var kept = Reachable(digest).Select(d => d["sha256:".Length..]).ToHashSet(StringComparer.Ordinal);
        foreach (var blob in System.IO.Directory.EnumerateFiles(Directory / "blobs" / "sha256"))
        {
            if (!kept.Contains(Path.GetFileName(blob))) File.Delete(blob);
        }
        (Directory / "ingest").DeleteDirectory();
    }

    /// <summary>Whether the layout holds the blob <paramref name="digest"/>.</summary>
    public bool HasBlob(string digest) => File.Exists(BlobPath(digest));

    /// <summary>
    /// The archive <c>docker load</c> reads for the image <c>index.json</c> names: <c>oci-layout</c>, <c>index.json</c> and
    /// the blobs the image reaches that the layout holds, less <paramref name="held"/>: blobs the engine holds already
    /// (an image it keeps under a name of its own), which containerd takes from its content store instead.
    /// </summary>
    public OciArchive Archive(IReadOnlySet<string>? held = null)
    {
        using var top = JsonDocument.Parse((Directory / "index.json").ReadAllText());
        var reached = top.RootElement.GetProperty("manifests").EnumerateArray()
            .SelectMany(m => Reachable(m.GetProperty("digest").GetString()!)).Distinct(StringComparer.Ordinal).Where(HasBlob)
            .Select(d => (Digest: d, Size: new FileInfo(BlobPath(d)).Length)).ToList();
        var sent = reached.Where(b => held?.Contains(b.Digest) != true).ToList();
        return new OciArchive(this, [.. sent.Select(b => b.Digest)], sent.Sum(b => b.Size), reached.Count, reached.Sum(b => b.Size));
    }

    /// <summary>Writes <paramref name="archive"/>'s files as a PAX tar to <paramref name="destination"/>, streamed: no archive is written to disk.</summary>
    internal async Task WriteArchiveAsync(OciArchive archive, Stream destination, CancellationToken cancellationToken)
    {
        await using var tar = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await tar.WriteEntryAsync(Directory / "oci-layout", "oci-layout", cancellationToken);
        await tar.WriteEntryAsync(Directory / "index.json", "index.json", cancellationToken);
        foreach (var blob in archive.Blobs)
            await tar.WriteEntryAsync(BlobPath(blob), $"blobs/sha256/{blob["sha256:".Length..]}", cancellationToken);
    }

    /// <summary>
    /// The digests the image <paramref name="digest"/> reaches, as far as the layout tells: itself, an index's manifests and
    /// theirs, a manifest's config and layers (a layer the layout need not hold, e.g. a non-distributable one, is still
    /// named). An image the layout does not hold reaches only itself.
    /// </summary>
    public IReadOnlySet<string> Reachable(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        Reach(digest, reached);
        return reached;
    }

    private void Reach(string digest, HashSet<string> reached)
    {
        if (!reached.Add(digest) || !HasBlob(digest)) return;
        using var document = JsonDocument.Parse(Blob(digest));
        var root = document.RootElement;
        if (root.TryGetProperty("manifests", out var manifests))
        {
            foreach (var manifest in manifests.EnumerateArray()) Reach(manifest.GetProperty("digest").GetString()!, reached);
        }
        if (root.TryGetProperty("config", out var config)) reached.Add(config.GetProperty("digest").GetString()!);
        if (root.TryGetProperty("layers", out var layers))
        {
            foreach (var layer in layers.EnumerateArray()) reached.Add(layer.GetProperty("digest").GetString()!);
        }
    }

    /// <summary>
    /// What the layout's <c>index.json</c> names (its last entry, the newest export): an image index (its digest, and one
    /// image per platform, attestation entries (<c>unknown/unknown</c>) left out), or one platform's image manifest (its
    /// digest, and that image alone).
    /// </summary>
    public (string IndexDigest, IReadOnlyList<PlatformImage> Platforms) ReadIndex()
    {
        using var top = JsonDocument.Parse((Directory / "index.json").ReadAllText());
        var entry = top.RootElement.GetProperty("manifests").EnumerateArray().LastOrDefault();
        if (entry.ValueKind == JsonValueKind.Undefined)
            throw new BuildFailedException($"The OCI layout {Directory} names no image. Run DockerBuild again.");
        var digest = entry.GetProperty("digest").GetString()!;
        if (entry.GetProperty("mediaType").GetString() != IndexMediaType) return (digest, [Image(PlatformOfConfig(digest), digest)]);

        using var index = JsonDocument.Parse(Blob(digest));
        var platforms = new List<PlatformImage>();
        foreach (var manifest in index.RootElement.GetProperty("manifests").EnumerateArray())
        {
            if (!manifest.TryGetProperty("platform", out var p)) continue;
            var os = p.GetProperty("os").GetString();
            if (os is null or "unknown") continue;
            var platform = $"{os}/{p.GetProperty("architecture").GetString()}" + (p.TryGetProperty("variant", out var v) ? "/" + v.GetString() : "");
            platforms.Add(Image(platform, manifest.GetProperty("digest").GetString()!));
        }
        return (digest, platforms);
    }

    /// <summary>The files of one image: its manifest's config and layers, as (digest, path), config first.</summary>
    public IReadOnlyList<(string Digest, string Path)> BlobsOf(PlatformImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!HasBlob(image.Digest))
            throw new BuildFailedException($"The OCI layout {Directory} no longer holds the {image.Platform} image {image.Digest}. Run DockerBuild again in this checkout.");
        using var manifest = JsonDocument.Parse(Blob(image.Digest));
        var digests = new List<string> { manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()! };
        digests.AddRange(manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!));
        return [.. digests.Select(d => (d, BlobPath(d)))];
    }

    /// <summary>The exact bytes of a blob of the layout (a manifest, a config).</summary>
    public byte[] Blob(string digest) => File.ReadAllBytes(BlobPath(digest));

    private PlatformImage Image(string platform, string digest)
    {
        using var image = JsonDocument.Parse(Blob(digest));
        return new PlatformImage(platform, digest, image.RootElement.GetProperty("config").GetProperty("digest").GetString()!);
    }

    private string PlatformOfConfig(string manifestDigest)
    {
        using var manifest = JsonDocument.Parse(Blob(manifestDigest));
        using var config = JsonDocument.Parse(Blob(manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!));
        var root = config.RootElement;
        return $"{root.GetProperty("os").GetString()}/{root.GetProperty("architecture").GetString()}"
            + (root.TryGetProperty("variant", out var v) && v.GetString() is { Length: > 0 } variant ? "/" + variant : "");
    }

    /// <summary>
    /// A layout of one platform's image beside this one (<c>&lt;layout&gt;/&lt;os-arch&gt;/</c>), whose index names that
    /// manifest only and whose blobs are this layout's: what a scanner that reads a layout (<c>trivy image --input</c>) scans.
    /// </summary>
    public AbsolutePath PlatformLayout(PlatformImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var directory = Directory / "platforms" / TargetPlatforms.Slug(image.Platform);
        directory.DeleteDirectory();
        directory.CreateDirectory();
        (directory / "oci-layout").WriteAllText((Directory / "oci-layout").ReadAllText());
        var parts = image.Platform.Split('/');
        var platform = new JsonObject { ["architecture"] = parts[1], ["os"] = parts[0] };
        if (parts.Length > 2) platform["variant"] = parts[2];
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = IndexMediaType,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = image.Digest,
                ["size"] = new FileInfo(BlobPath(image.Digest)).Length,
                ["platform"] = platform,
            }),
        };
        (directory / "index.json").WriteAllText(index.ToJsonString());
        System.IO.Directory.CreateSymbolicLink(directory / "blobs", "../../blobs");
        return directory;
    }

    private string BlobPath(string digest) => Directory / "blobs" / "sha256" / digest["sha256:".Length..];

}
