using System.Text.Json.Nodes;
using Slipway.Components.Images;
using Slipway.Components.Sbom;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Registry;
using Slipway.IO;

namespace Slipway.Components.Tests.Sbom;

/// <summary>
/// The whole SBOM: the real CycloneDX tool on the restored sample service, and the OS packages of RUNTIME_IMAGE, which
/// stands in for the built image (its id in artifacts/image.json).
/// </summary>
[Collection(SbomToolCollection.Name)]
public sealed class SbomProducerTests(SbomToolFixture fixture) : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly CapturedLog _log = new();
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 7, 15, 0, TimeSpan.Zero);

    private async Task<SbomSettings> SettingsAsync(string imageId, Func<string, AbsolutePath, Task<OsPackages?>> readOsPackages)
    {
        await fixture.ToolAsync();
        var service = await fixture.ServiceAsync();
        var root = fixture.NewDirectory("repo");
        var record = new ImageRecord
        {
            ImageId = imageId,
            LocalReference = "sample-service:build-0123456789ab",
            Image = "sample-service",
            Version = "1.2.3",
            Created = Created,
        };
        record.Write(root / "artifacts" / "image.json");
        return new SbomSettings
        {
            RootDirectory = root,
            ImageRecordFile = root / "artifacts" / "image.json",
            Dockerfile = service / "Dockerfile",
            OutputFile = root / "artifacts" / "sbom" / "sample-service.cdx.json",
            ToolDirectory = fixture.ToolDirectory,
            WorkDirectory = root / ".nuke" / "temp" / "sbom",
            ReadOsPackages = readOsPackages,
            SlipwayVersion = "0.1.0-test",
        };
    }

    private async Task<string> RuntimeImageIdAsync() =>
        (await _env.Docker.Command("image", "inspect", "--format", "{{.Id}}", _env.RuntimeImage).ExecuteAsync()).StandardOutput.Trim();

    private static List<string> Purls(JsonObject bom) => [.. bom["components"]!.AsArray().Select(c => c!["purl"]!.GetValue<string>())];

    [SkippableFact]
    public async Task Lists_the_service_packages_and_the_image_os_packages_under_the_image_and_validates()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var imageId = await RuntimeImageIdAsync();
        var reader = new ImagePackageReader(_env.Docker);
        var settings = await SettingsAsync(imageId, (image, directory) => reader.ReadAsync(image, directory));

        var outcome = await SbomProducer.ProduceAsync(settings);

        var bom = JsonNode.Parse(settings.OutputFile.ReadAllText())!.AsObject();
        Assert.Empty(BomValidator.Problems(bom));
        var purls = Purls(bom);
        Assert.Contains($"pkg:nuget/{SbomToolFixture.PackageId}@{SbomToolFixture.PackageVersion}", purls);
        Assert.Contains(purls, p => p.StartsWith("pkg:nuget/Serilog@", StringComparison.Ordinal));
        Assert.Contains(purls, p => p.StartsWith("pkg:deb/debian/libc6@", StringComparison.Ordinal) && p.EndsWith("?arch=amd64&distro=debian-12", StringComparison.Ordinal));
        Assert.Equal(outcome.NuGetPackages, purls.Count(p => p.StartsWith("pkg:nuget/", StringComparison.Ordinal)));
        Assert.Equal(outcome.OsPackages, purls.Count(p => p.StartsWith("pkg:deb/", StringComparison.Ordinal)));
        Assert.True(outcome.OsPackages > 50, $"{outcome.OsPackages} OS packages");
        Assert.Equal($"SBOM: {outcome.NuGetPackages} NuGet packages, {outcome.OsPackages} OS packages → artifacts/sbom/sample-service.cdx.json", outcome.Note);

        var subject = bom["metadata"]!["component"]!.AsObject();
        Assert.Equal(("container", "sample-service", "1.2.3"), (subject["type"]!.GetValue<string>(), subject["name"]!.GetValue<string>(), subject["version"]!.GetValue<string>()));
        Assert.Equal("2026-11-30T07:15:00Z", bom["metadata"]!["timestamp"]!.GetValue<string>());
        var properties = subject["properties"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["value"]!.GetValue<string>());
        Assert.Equal(imageId, properties["slipway:image:id"]);
        Assert.Equal("SampleService.csproj", Path.GetFileName(properties[SbomProducer.ProjectProperty]));
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", properties["slipway:image:os"]);
        Assert.Contains("'dotnet publish SampleService.csproj'", _log.Text, StringComparison.Ordinal);

        var first = settings.OutputFile.ReadAllText();
        await SbomProducer.ProduceAsync(settings);
        Assert.Equal(first, settings.OutputFile.ReadAllText()); // one image, one document
    }

    [Fact]
    public async Task An_image_without_a_package_database_gets_an_sbom_of_its_nuget_packages_and_a_warning()
    {
        var settings = await SettingsAsync("sha256:" + new string('d', 64), (_, _) => Task.FromResult<OsPackages?>(null));

        var outcome = await SbomProducer.ProduceAsync(settings);

        Assert.False(outcome.HasPackageDatabase);
        Assert.Equal(0, outcome.OsPackages);
        Assert.True(outcome.NuGetPackages >= 5, $"{outcome.NuGetPackages} NuGet packages");
        Assert.Empty(BomValidator.Problems(JsonNode.Parse(settings.OutputFile.ReadAllText())!.AsObject()));
        Assert.Contains("[Warning] The image sha256:dddd", _log.Text, StringComparison.Ordinal);
        Assert.Contains("no package database (/var/lib/dpkg/status or /var/lib/dpkg/status.d/)", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrestored_project_fails_instead_of_listing_nothing()
    {
        var settings = await SettingsAsync("sha256:" + new string('d', 64), (_, _) => Task.FromResult<OsPackages?>(null));
        var unrestored = settings.RootDirectory / "src" / "Acme.Orders" / "Acme.Orders.csproj";
        unrestored.WriteAllText("<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => SbomProducer.ProduceAsync(settings with { Project = unrestored }));

        Assert.Contains("src/Acme.Orders/Acme.Orders.csproj is not restored: src/Acme.Orders/obj/project.assets.json is missing", failure.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh Restore Sbom", failure.Message, StringComparison.Ordinal);
        Assert.False(settings.OutputFile.FileExists());
    }

    [Fact]
    public async Task Without_an_image_record_there_is_nothing_to_describe()
    {
        var settings = await SettingsAsync("sha256:" + new string('d', 64), (_, _) => Task.FromResult<OsPackages?>(null));
        settings.ImageRecordFile.DeleteFile();

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => SbomProducer.ProduceAsync(settings));

        Assert.Contains("run DockerBuild first", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _log.Dispose();
}
