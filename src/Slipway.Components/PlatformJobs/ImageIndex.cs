using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Slipway.Components.Platforms;

namespace Slipway.Components.PlatformJobs;

/// <summary>
/// The OCI image index of platform images, written byte for byte as BuildKit writes the index of a multi-platform build
/// (two-space indented, the same fields in the same order), so a merge of platform jobs gives the digest the one-job
/// build of the same commit gives.
/// </summary>
internal static class ImageIndex
{
    public const string MediaType = "application/vnd.oci.image.index.v1+json";
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The index bytes and their digest; <paramref name="images"/> in index order, each with its manifest's size.</summary>
    public static (byte[] Body, string Digest) Write(IReadOnlyList<(PlatformImage Image, long Size, string MediaType)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", MediaType);
            json.WriteStartArray("manifests");
            foreach (var (image, size, mediaType) in images)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", mediaType);
                json.WriteString("digest", image.Digest);
                json.WriteNumber("size", size);
                json.WriteStartObject("platform");
                var parts = image.Platform.Split('/');
                json.WriteString("architecture", parts[1]);
                json.WriteString("os", parts[0]);
                if (parts.Length > 2) json.WriteString("variant", parts[2]);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        var body = stream.ToArray();
        return (body, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    /// <summary>For messages: the index as text.</summary>
    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
