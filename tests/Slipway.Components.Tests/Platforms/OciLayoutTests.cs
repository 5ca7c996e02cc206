using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Slipway.Components.Platforms;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Platforms;

/// <summary>An OCI archive shaped as BuildKit's OCI exporter writes a two-platform build, unpacked and read.</summary>
public sealed class OciLayoutTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("oci-layout");
    private readonly Dictionary<string, byte[]> _blobs = [];

    private string Add(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        _blobs[digest] = bytes;
        return digest;
    }

    // JSON written with single quotes for readability.
    private static string J(string text) => text.Replace('\'', '"');

    private (AbsolutePath Archive, string Index, string Amd64, string Arm64) Archive(bool attestation = false)
    {
        string Image(string arch)
        {
            var config = Add(J("{'architecture':'" + arch + "','os':'linux','config':{}}"));
            return Add(J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'" + config + "','size':1},'layers':[]}"));
        }
        string Entry(string digest, string arch) =>
            J("{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'" + digest + "','size':" + _blobs[digest].Length + ",'platform':{'architecture':'" + arch + "','os':'" + (arch == "unknown" ? "unknown" : "linux") + "'}}");
        var amd64 = Image("amd64");
        var arm64 = Image("arm64");
        var entries = new List<string> { Entry(amd64, "amd64"), Entry(arm64, "arm64") };
        if (attestation) entries.Add(Entry(amd64, "unknown"));
        var index = Add(J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.index.v1+json','manifests':[") + string.Join(",", entries) + "]}");
        var archive = _temp.Path / "image.tar";
        using (var stream = File.Create(archive))
        using (var tar = new TarWriter(stream))
        {
            void Write(string name, byte[] data) => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            Write("oci-layout", Encoding.UTF8.GetBytes(J("{'imageLayoutVersion':'1.0.0'}")));
            Write("index.json", Encoding.UTF8.GetBytes(J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.index.v1+json','manifests':[{'mediaType':'application/vnd.oci.image.index.v1+json','digest':'" + index + "','size':1}]}")));
            foreach (var (digest, data) in _blobs) Write($"blobs/sha256/{digest[7..]}", data);
        }
        return (archive, index, amd64, arm64);
    }

    [Fact]
    public void Reads_the_index_and_each_platforms_manifest_and_config()
    {
        var (archive, index, amd64, arm64) = Archive();

        var (digest, platforms) = OciLayout.Extract(archive, _temp.Path / "layout").ReadIndex();

        Assert.Equal(index, digest);
        Assert.Equal(["linux/amd64", "linux/arm64"], platforms.Select(p => p.Platform));
        Assert.Equal([amd64, arm64], platforms.Select(p => p.Digest));
        Assert.All(platforms, p => Assert.StartsWith("sha256:", p.ConfigDigest, StringComparison.Ordinal));
    }

    [Fact]
    public void Attestation_entries_are_not_platforms()
    {
        var (archive, _, _, _) = Archive(attestation: true);

        Assert.Equal(2, OciLayout.Extract(archive, _temp.Path / "layout").ReadIndex().Platforms.Count);
    }

    [Fact]
    public void A_platform_layout_names_that_manifest_only_and_shares_the_blobs()
    {
        var (archive, _, _, arm64) = Archive();
        var layout = OciLayout.Extract(archive, _temp.Path / "layout");
        var image = layout.ReadIndex().Platforms.Single(p => p.Platform == "linux/arm64");

        var directory = layout.PlatformLayout(image);

        var index = File.ReadAllText(directory / "index.json");
        Assert.Contains(arm64, index, StringComparison.Ordinal);
        Assert.Contains("\"architecture\":\"arm64\"", index, StringComparison.Ordinal);
        Assert.True(File.Exists(directory / "blobs" / "sha256" / arm64[7..]));
        Assert.True((directory / "oci-layout").FileExists());
    }

    public void Dispose() => _temp.Dispose();
}
