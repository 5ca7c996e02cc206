using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Slipway.IO;

namespace Slipway.Components.Tests.Infrastructure;

/// <summary>
/// Writes linux/amd64 + linux/arm64 images into an OCI layout, as BuildKit's OCI exporter leaves them: each export adds an
/// index to the layout's <c>index.json</c>, named <c>&lt;name&gt;</c>. The images are written, not built, so BuildKit's
/// cache holds none of their blobs. Both platforms share a 2 MB layer of random bytes (one per writer); each has a small
/// layer of its own, with the given code.
/// </summary>
internal sealed class OciImageWriter(AbsolutePath layout)
{
    private readonly byte[] _sharedFile = RandomNumberGenerator.GetBytes(2_000_000);

    /// <summary>The layout's directory.</summary>
    public AbsolutePath Layout { get; } = layout;

    /// <summary>Adds a two-platform image named <paramref name="name"/> (e.g. <c>orders:build-1</c>); returns its index digest.</summary>
    public string Export(string name, string code)
    {
        var manifests = new JsonArray();
        foreach (var architecture in new[] { "amd64", "arm64" })
        {
            var layers = new[] { Layer("shared.bin", _sharedFile), Layer("code.txt", Encoding.UTF8.GetBytes($"{code} for {architecture}")) };
            var config = Blob(new JsonObject
            {
                ["architecture"] = architecture,
                ["os"] = "linux",
                ["config"] = new JsonObject(),
                ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray([.. layers.Select(l => JsonValue.Create(l.Digest))]) },
            });
            var manifest = Blob(new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config),
                ["layers"] = new JsonArray([.. layers.Select(l => Descriptor("application/vnd.oci.image.layer.v1.tar", l))]),
            });
            var entry = Descriptor("application/vnd.oci.image.manifest.v1+json", manifest);
            entry["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" };
            manifests.Add(entry);
        }
        var index = Blob(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = manifests });

        var top = (Layout / "index.json").FileExists()
            ? JsonNode.Parse(File.ReadAllText(Layout / "index.json"))!.AsObject()
            : new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray() };
        var named = Descriptor("application/vnd.oci.image.index.v1+json", index);
        named["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = $"docker.io/library/{name}" };
        top["manifests"]!.AsArray().Add(named);
        File.WriteAllText(Layout / "index.json", top.ToJsonString());
        File.WriteAllText(Layout / "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}");
        return index.Digest;
    }

    private static JsonObject Descriptor(string mediaType, (string Digest, long Size) blob) =>
        new() { ["mediaType"] = mediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };

    private (string Digest, long Size) Blob(JsonObject json) => Blob(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private (string Digest, long Size) Blob(byte[] bytes)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        var directory = (Layout / "blobs" / "sha256").CreateDirectory();
        File.WriteAllBytes(directory / digest[7..], bytes);
        return (digest, bytes.Length);
    }

    // An uncompressed layer of one file: its digest is also its diff id.
    private (string Digest, long Size) Layer(string name, byte[] content)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch };
            writer.WriteEntry(entry);
        }
        return Blob(tar.ToArray());
    }
}
