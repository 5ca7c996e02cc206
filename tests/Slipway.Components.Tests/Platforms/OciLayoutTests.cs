using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Slipway.Components.Platforms;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Platforms;

/// <summary>
/// The checkout's OCI layout as BuildKit's OCI exporter (<c>tar=false</c>) leaves it after two two-platform builds: its
/// <c>index.json</c> names both, and their blobs lie side by side.
/// </summary>
public sealed class OciLayoutTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("oci-layout");
    private readonly List<string> _entries = [];

    private AbsolutePath Root => _temp.Path / "image-layout";

    private string Add(string json) => AddBytes(Encoding.UTF8.GetBytes(json));

    private string AddBytes(byte[] bytes)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        Directory.CreateDirectory(Root / "blobs" / "sha256");
        File.WriteAllBytes(Root / "blobs" / "sha256" / digest[7..], bytes);
        return digest;
    }

    // JSON written with single quotes for readability.
    private static string J(string text) => text.Replace('\'', '"');

    // One build: an index of amd64 and arm64 images (a shared base layer, a layer of this build's own), exported under a name.
    private (string Index, string Amd64, string Arm64, string OwnLayer, string BaseLayer, List<string> Configs) Build(string name, bool attestation = false)
    {
        var baseLayer = AddBytes([1, 2, 3]);
        var ownLayer = AddBytes(Encoding.UTF8.GetBytes("code of " + name));
        var configs = new List<string>();
        string Image(string arch)
        {
            var config = Add(J("{'architecture':'" + arch + "','os':'linux','config':{'Labels':{'build':'" + name + "'}}}"));
            configs.Add(config);
            return Add(J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'" + config +
                "','size':1},'layers':[{'mediaType':'application/vnd.oci.image.layer.v1.tar+gzip','digest':'" + baseLayer + "','size':3},{'mediaType':'application/vnd.oci.image.layer.v1.tar+gzip','digest':'" + ownLayer + "','size':1}]}"));
        }
        string Entry(string digest, string arch) =>
            J("{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'" + digest + "','size':1,'platform':{'architecture':'" + arch + "','os':'" + (arch == "unknown" ? "unknown" : "linux") + "'}}");
        var amd64 = Image("amd64");
        var arm64 = Image("arm64");
        var entries = new List<string> { Entry(amd64, "amd64"), Entry(arm64, "arm64") };
        if (attestation) entries.Add(Entry(amd64, "unknown"));
        var index = Add(J("{'schemaVersion':2,'mediaType':'application/vnd.oci.image.index.v1+json','manifests':[") + string.Join(",", entries) + "]}");
        _entries.Add(J("{'mediaType':'application/vnd.oci.image.index.v1+json','digest':'" + index + "','size':1,'annotations':{'org.opencontainers.image.ref.name':'docker.io/library/acme-orders:" + name + "'}}"));
        File.WriteAllText(Root / "oci-layout", J("{'imageLayoutVersion':'1.0.0'}"));
        File.WriteAllText(Root / "index.json", J("{'schemaVersion':2,'manifests':[") + string.Join(",", _entries) + "]}");
        return (index, amd64, arm64, ownLayer, baseLayer, configs);
    }

    private OciLayout Layout => new(Root);

    [Fact]
    public void Reads_the_newest_index_and_each_platforms_manifest_and_config()
    {
        Build("build-1");
        var (index, amd64, arm64, _, _, _) = Build("build-2");

        var (digest, platforms) = Layout.ReadIndex();

        Assert.Equal(index, digest);
        Assert.Equal(["linux/amd64", "linux/arm64"], platforms.Select(p => p.Platform));
        Assert.Equal([amd64, arm64], platforms.Select(p => p.Digest));
        Assert.All(platforms, p => Assert.StartsWith("sha256:", p.ConfigDigest, StringComparison.Ordinal));
    }

    [Fact]
    public void Attestation_entries_are_not_platforms()
    {
        Build("build-1", attestation: true);

        Assert.Equal(2, Layout.ReadIndex().Platforms.Count);
    }

    [Fact]
    public void Retaining_a_build_drops_the_earlier_builds_entry_and_the_blobs_only_it_reached()
    {
        var first = Build("build-1");
        var second = Build("build-2");
        Directory.CreateDirectory(Root / "ingest" / "abc");

        Layout.Retain(second.Index);

        Assert.Equal(second.Index, Layout.ReadIndex().IndexDigest);
        Assert.DoesNotContain(first.Index, File.ReadAllText(Root / "index.json"), StringComparison.Ordinal);
        Assert.False(Layout.HasBlob(first.Index));
        Assert.False(Layout.HasBlob(first.Amd64));
        Assert.False(Layout.HasBlob(first.OwnLayer));
        Assert.True(Layout.HasBlob(second.OwnLayer));
        Assert.Equal(2 /* manifests */ + 2 /* configs */ + 2 /* layers */ + 1 /* index */, Directory.GetFiles(Root / "blobs" / "sha256").Length);
        Assert.False((Root / "ingest").DirectoryExists());
    }

    [Fact]
    public void Retaining_an_image_the_layout_does_not_hold_fails_with_the_fix()
    {
        Build("build-1");

        var error = Assert.Throws<BuildFailedException>(() => Layout.Retain("sha256:" + new string('0', 64)));

        Assert.Contains("does not hold the image", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run DockerBuild again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_archive_docker_load_reads_holds_the_layout_file_the_index_and_the_blobs_it_reaches()
    {
        Build("build-1");
        var second = Build("build-2");
        Layout.Retain(second.Index);
        File.WriteAllText(Layout.PlatformLayout(Layout.ReadIndex().Platforms[0]) / "stray", "not in the archive");

        var archive = Layout.Archive();
        var names = await NamesIn(archive);

        var blobs = Directory.GetFiles(Root / "blobs" / "sha256").Select(f => "blobs/sha256/" + Path.GetFileName(f));
        Assert.Equal(new[] { "index.json", "oci-layout" }.Concat(blobs).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.True(archive.IsWhole);
        Assert.Equal(Directory.GetFiles(Root / "blobs" / "sha256").Sum(f => new FileInfo(f).Length), archive.Bytes);
    }

    [Fact]
    public async Task For_an_engine_that_holds_the_previous_build_the_archive_leaves_out_the_blobs_that_build_reached()
    {
        var first = Build("build-1");
        var second = Build("build-2");
        var held = Layout.Reachable(first.Index); // read before retaining drops the previous build's manifests
        Layout.Retain(second.Index);

        var archive = Layout.Archive(held);
        var names = await NamesIn(archive);

        // The new index, its two manifests and configs, and its own layer; not the base layer both builds share.
        var expected = new[] { second.Index, second.Amd64, second.Arm64, second.OwnLayer }
            .Concat(second.Configs).Select(d => "blobs/sha256/" + d[7..]).Append("index.json").Append("oci-layout");
        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.False(archive.IsWhole);
        Assert.Equal(7, archive.ImageBlobs);
        Assert.Equal(archive.ImageBytes - 3 /* the shared base layer */, archive.Bytes);
    }

    [Fact]
    public async Task For_an_engine_that_holds_the_same_image_the_archive_carries_no_blob()
    {
        var build = Build("build-1");
        var held = Layout.Reachable(build.Index);

        var archive = Layout.Archive(held);

        Assert.Empty(archive.Blobs);
        Assert.Equal(["index.json", "oci-layout"], (await NamesIn(archive)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_image_reaches_its_index_manifests_configs_and_layers_and_one_the_layout_lacks_only_itself()
    {
        var build = Build("build-1");
        var missing = "sha256:" + new string('f', 64);

        Assert.Equal(new[] { build.Index, build.Amd64, build.Arm64, build.OwnLayer, build.BaseLayer }.Concat(build.Configs).Order(StringComparer.Ordinal),
            Layout.Reachable(build.Index).Order(StringComparer.Ordinal));
        Assert.Equal([missing], Layout.Reachable(missing));
    }

    private static async Task<List<string>> NamesIn(OciArchive archive)
    {
        using var stream = new MemoryStream();
        await archive.WriteAsync(stream, CancellationToken.None);
        stream.Position = 0;
        var names = new List<string>();
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        return names;
    }

    [Fact]
    public void A_platform_layout_names_that_manifest_only_and_shares_the_blobs()
    {
        var (_, _, arm64, _, _, _) = Build("build-1");
        var image = Layout.ReadIndex().Platforms.Single(p => p.Platform == "linux/arm64");

        var directory = Layout.PlatformLayout(image);

        var index = File.ReadAllText(directory / "index.json");
        Assert.Contains(arm64, index, StringComparison.Ordinal);
        Assert.Contains("\"architecture\":\"arm64\"", index, StringComparison.Ordinal);
        Assert.True(File.Exists(directory / "blobs" / "sha256" / arm64[7..]));
        Assert.True((directory / "oci-layout").FileExists());
    }

    public void Dispose() => _temp.Dispose();
}
