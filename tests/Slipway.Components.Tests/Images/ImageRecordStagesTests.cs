using System.Text.Json;
using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Images;

/// <summary>
/// Each writer of <c>artifacts/image.json</c> adds its part through one method of <see cref="ImageRecord"/>: every field
/// docs/architecture.md documents is written by the stage it names, in the JSON it names, and by no other.
/// </summary>
public sealed class ImageRecordStagesTests : IDisposable
{
    private const string ImageId = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Config = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    private const string Pushed = "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly DateTimeOffset s_created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly PlatformImage s_amd64 = new("linux/amd64", "sha256:" + new string('1', 64), "sha256:" + new string('2', 64));
    private static readonly PlatformImage s_arm64 = new("linux/arm64", "sha256:" + new string('3', 64), "sha256:" + new string('4', 64));

    private readonly TemporaryDirectory _temp = new("slipway-image-record-stages");

    public void Dispose() => _temp.Dispose();

    private static ImageRecord Built(IReadOnlyList<string>? uncommitted = null) => ImageRecord.Built(
        new BuiltImage("acme-orders:build-0123456789ab", ImageId, Config,
            BuildSteps.From([("[build 3/5] RUN dotnet restore src/Api", true), ("[build 4/5] COPY . .", false)]),
            new BuilderChoice(BuildFrontend.Buildx, null, "the engine's BuildKit")) { Platforms = [s_amd64] },
        "acme-orders", "1.4.2", Commit, Commit + "-dirty", uncommitted ?? ["src/Api/Program.cs"], s_created);

    private static ScanRecord Scan(string imageId = ImageId, bool passed = true) => new()
    {
        ImageId = imageId, Passed = passed, Threshold = "HIGH", Blocking = passed ? 0 : 2,
        Counts = new Dictionary<string, int> { ["HIGH"] = passed ? 0 : 2, ["LOW"] = 1 }, Platforms = [s_amd64.Digest],
    };

    // The record as the file holds it: the JSON a deploy step reads.
    private JsonElement Json(ImageRecord record)
    {
        var file = _temp.Path / $"{Guid.NewGuid():N}.json";
        record.Write(file);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.Clone();
    }

    private static IReadOnlyList<string> Fields(JsonElement json) => [.. json.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void DockerBuild_starts_the_record_with_the_build_part_only()
    {
        var json = Json(Built());

        Assert.Equal(["imageId", "configDigest", "platforms", "localReference", "image", "version", "commit", "revision",
            "uncommittedFiles", "created", "cachedSteps", "totalSteps", "restoreCached"], Fields(json));
        Assert.Equal(ImageId, json.GetProperty("imageId").GetString());
        Assert.Equal(Config, json.GetProperty("configDigest").GetString());
        Assert.Equal(s_amd64.Digest, json.GetProperty("platforms")[0].GetProperty("digest").GetString());
        Assert.Equal("acme-orders:build-0123456789ab", json.GetProperty("localReference").GetString());
        Assert.Equal("acme-orders", json.GetProperty("image").GetString());
        Assert.Equal("1.4.2", json.GetProperty("version").GetString());
        Assert.Equal(Commit, json.GetProperty("commit").GetString());
        Assert.Equal(Commit + "-dirty", json.GetProperty("revision").GetString());
        Assert.Equal("src/Api/Program.cs", json.GetProperty("uncommittedFiles")[0].GetString());
        Assert.Equal(s_created, json.GetProperty("created").GetDateTimeOffset());
        Assert.Equal(1, json.GetProperty("cachedSteps").GetInt32());
        Assert.Equal(2, json.GetProperty("totalSteps").GetInt32());
        Assert.True(json.GetProperty("restoreCached").GetBoolean());
    }

    [Fact]
    public void A_clean_build_records_no_uncommitted_files() =>
        Assert.DoesNotContain("uncommittedFiles", Fields(Json(Built(uncommitted: []))));

    [Fact]
    public void TrivyScan_adds_the_verdict_and_nothing_else()
    {
        var built = Built();

        var scanned = built.Scanned(Scan());

        Assert.Equal(built with { Scan = scanned.Scan }, scanned);
        var scan = Json(scanned).GetProperty("scan");
        Assert.Equal(ImageId, scan.GetProperty("imageId").GetString());
        Assert.True(scan.GetProperty("passed").GetBoolean());
        Assert.Equal("HIGH", scan.GetProperty("threshold").GetString());
        Assert.Equal(s_amd64.Digest, scan.GetProperty("platforms")[0].GetString());
    }

    [Fact]
    public void Tag_adds_the_admission_of_the_records_own_image()
    {
        var admitted = Built().Scanned(Scan()).Admitted(["1.4.2", "1.4"], waiver: null);

        var admission = Json(admitted).GetProperty("admission");
        Assert.Equal(ImageId, admission.GetProperty("imageId").GetString());
        Assert.Equal(["1.4.2", "1.4"], admission.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(admission.TryGetProperty("waiver", out _));
        Assert.Equal("SCAN GATE WAIVED", Built().Admitted([], "SCAN GATE WAIVED").Admission!.Waiver);
    }

    [Fact]
    public void Push_adds_where_it_went_its_tags_and_the_reference()
    {
        var pushed = Built().Scanned(Scan()).Admitted(["1.4.2"], null).Pushed("ghcr.io/acme/orders", Pushed, ["1.4.2", "1.4", "1"], alreadyPublished: false, "9.9.9", "feed");

        var json = Json(pushed);
        Assert.Equal("ghcr.io/acme/orders", json.GetProperty("repository").GetString());
        Assert.Equal(Pushed, json.GetProperty("digest").GetString());
        Assert.Equal(["1.4.2", "1.4", "1"], json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ghcr.io/acme/orders@" + Pushed, json.GetProperty("reference").GetString());
        Assert.False(json.TryGetProperty("alreadyPublished", out _));
        Assert.Equal("1.4.2", pushed.Version);
        Assert.Equal(Commit, pushed.Commit);
    }

    [Fact]
    public void Push_fills_version_and_commit_when_the_build_did_not_know_them_and_marks_an_already_published_version()
    {
        var record = Built() with { Version = null, Commit = null };

        var pushed = record.Pushed("ghcr.io/acme/orders", Pushed, ["1.4.2"], alreadyPublished: true, "1.4.2", Commit);

        Assert.Equal(("1.4.2", Commit), (pushed.Version, pushed.Commit));
        Assert.True(Json(pushed).GetProperty("alreadyPublished").GetBoolean());
    }

    [Fact]
    public void PublishPlatform_records_its_push_by_digest_without_tags()
    {
        var pushed = Built().Scanned(Scan()).Admitted([], null).Pushed("ghcr.io/acme/orders", s_amd64.Digest, tags: null, alreadyPublished: false, "1.4.2", Commit);

        var json = Json(pushed);
        Assert.Equal(s_amd64.Digest, json.GetProperty("digest").GetString());
        Assert.False(json.TryGetProperty("tags", out _));
        Assert.Empty(json.GetProperty("admission").GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public void PublishIndex_starts_the_index_record_from_its_platform_records_without_a_local_reference()
    {
        var amd64 = Built() with { ImageId = s_amd64.Digest, Platforms = [s_amd64], Scan = Scan(s_amd64.Digest) with { Platforms = [s_amd64.Digest] } };
        var arm64 = Built() with { ImageId = s_arm64.Digest, Platforms = [s_arm64], Scan = Scan(s_arm64.Digest, passed: false) with { Platforms = [s_arm64.Digest] } };

        var index = ImageRecord.MergedIndex(Pushed, "ghcr.io/acme/orders", [amd64, arm64]);

        var json = Json(index);
        Assert.Equal(["imageId", "platforms", "image", "version", "commit", "revision", "created", "scan", "repository", "digest", "reference"], Fields(json));
        Assert.Equal((Pushed, Pushed), (index.ImageId, index.Digest));
        Assert.Equal([s_amd64, s_arm64], index.Platforms);
        Assert.Equal(("acme-orders", "1.4.2", Commit, s_created), (index.Image, index.Version, index.Commit, index.Created));
        Assert.Equal(Pushed, index.Scan!.ImageId);
        Assert.False(index.Scan.Passed);
        Assert.Equal(2, index.Scan.Blocking);
        Assert.Equal(2, index.Scan.Counts["LOW"]);
        Assert.Equal([s_amd64.Digest, s_arm64.Digest], index.Scan.Platforms);
    }

    [Fact]
    public void An_index_with_an_unscanned_platform_has_a_waived_scan()
    {
        var amd64 = Built() with { ImageId = s_amd64.Digest, Platforms = [s_amd64], Scan = Scan(s_amd64.Digest) };
        var arm64 = Built() with { ImageId = s_arm64.Digest, Platforms = [s_arm64], Scan = null };

        var scan = ImageRecord.MergedIndex(Pushed, "ghcr.io/acme/orders", [amd64, arm64]).Scan!;

        Assert.True(scan.Waived);
        Assert.False(scan.Passed);
    }

    [Fact]
    public void A_stage_writes_to_the_file_it_is_given_and_reads_back_the_same_record()
    {
        var record = Built().Scanned(Scan()).Admitted(["1.4.2"], null).Pushed("ghcr.io/acme/orders", Pushed, ["1.4.2"], false, null, null);
        var file = _temp.Path / "images" / "orders" / "image.json";

        record.Write(file);

        var read = ImageRecord.Read(file)!;
        Assert.Equal(record with { Platforms = read.Platforms, Tags = read.Tags, Scan = read.Scan, Admission = read.Admission, UncommittedFiles = read.UncommittedFiles }, read);
        Assert.Equal(record.Tags, read.Tags);
        Assert.Equal(record.Admission!.Tags, read.Admission!.Tags);
    }
}
