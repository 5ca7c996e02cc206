using System.Text.Json;
using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Images;

/// <summary><c>artifacts/image.json</c>, the documented contract between the container components and a deploy step.</summary>
public sealed class ImageRecordTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("slipway-image-record");

    private static ImageRecord Pushed() => new()
    {
        ImageId = "sha256:" + new string('a', 64),
        ConfigDigest = "sha256:" + new string('c', 64),
        Platforms = [new PlatformImage("linux/amd64", "sha256:" + new string('1', 64), "sha256:" + new string('2', 64))],
        LocalReference = "acme-orders:build-0123456789ab",
        Image = "acme-orders",
        Version = "1.4.2",
        Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        Scan = new ScanRecord { ImageId = "sha256:" + new string('a', 64), Passed = true, Threshold = "HIGH", Counts = new Dictionary<string, int> { ["HIGH"] = 0 } },
        Repository = "ghcr.io/acme/orders",
        Digest = "sha256:" + new string('d', 64),
        Tags = ["1.4.2", "1.4", "1"],
    };

    [Fact]
    public void Is_written_in_camel_case_without_null_fields_and_with_its_reference()
    {
        var file = _temp.Path / "image.json";
        Pushed().Write(file);

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        Assert.Equal("ghcr.io/acme/orders@sha256:" + new string('d', 64), root.GetProperty("reference").GetString());
        Assert.Equal("linux/amd64", root.GetProperty("platforms")[0].GetProperty("platform").GetString());
        Assert.True(root.GetProperty("scan").GetProperty("passed").GetBoolean());
        Assert.False(root.TryGetProperty("commit", out _));
        Assert.False(root.TryGetProperty("admission", out _));
        Assert.Contains("\n", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_back_what_it_wrote_and_derives_the_reference_again()
    {
        var file = _temp.Path / "image.json";
        Pushed().Write(file);
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"reference\": \"ghcr.io", "\"reference\": \"stale.example", StringComparison.Ordinal));

        var read = ImageRecord.Read(file)!;

        Assert.Equal(Pushed() with { Platforms = read.Platforms, Tags = read.Tags, Scan = read.Scan }, read);
        Assert.Equal(Pushed().Tags, read.Tags);
        Assert.Equal("ghcr.io/acme/orders@sha256:" + new string('d', 64), read.Reference);
    }

    [Fact]
    public void Ignores_fields_it_does_not_know_and_names_a_broken_file()
    {
        var file = _temp.Path / "image.json";
        File.WriteAllText(file, """{"imageId":"sha256:1","localReference":"a:build-1","image":"a","addedLater":{"x":1}}""");
        Assert.Equal("sha256:1", ImageRecord.Read(file)!.ImageId);

        File.WriteAllText(file, "{ not json");
        var error = Assert.Throws<BuildFailedException>(() => ImageRecord.Read(file));
        Assert.Contains("is not a valid image record", error.Message, StringComparison.Ordinal);
        Assert.Null(ImageRecord.Read(_temp.Path / "missing.json"));
    }

    public void Dispose() => _temp.Dispose();
}
