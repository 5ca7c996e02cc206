using System.Text.Json.Nodes;
using Slipway.Components.Images;
using Slipway.Components.Sbom;

namespace Slipway.Components.Tests.Sbom;

public class BomMergerTests
{
    // The shape the CycloneDX dotnet tool writes: the project as metadata.component and the root of the graph.
    private const string ToolBom = """
        {
          "bomFormat": "CycloneDX",
          "specVersion": "1.6",
          "version": 1,
          "metadata": {
            "timestamp": "2026-12-02T00:26:25Z",
            "tools": { "components": [ { "type": "application", "name": "CycloneDX module for .NET", "version": "6.3.1.0" } ] },
            "component": { "type": "application", "bom-ref": "Acme.Orders@0.0.0", "name": "Acme.Orders", "version": "0.0.0" }
          },
          "components": [
            { "type": "library", "bom-ref": "pkg:nuget/Serilog.AspNetCore@10.0.0", "name": "Serilog.AspNetCore", "version": "10.0.0",
              "scope": "required", "hashes": [ { "alg": "SHA-512", "content": "abc" } ], "purl": "pkg:nuget/Serilog.AspNetCore@10.0.0" },
            { "type": "library", "bom-ref": "pkg:nuget/Serilog@4.3.0", "name": "Serilog", "version": "4.3.0", "purl": "pkg:nuget/Serilog@4.3.0" },
            { "type": "library", "bom-ref": "serilog-again", "name": "Serilog", "version": "4.3.0", "purl": "pkg:nuget/Serilog@4.3.0" }
          ],
          "dependencies": [
            { "ref": "Acme.Orders@0.0.0", "dependsOn": [ "pkg:nuget/Serilog.AspNetCore@10.0.0" ] },
            { "ref": "pkg:nuget/Serilog.AspNetCore@10.0.0", "dependsOn": [ "pkg:nuget/Serilog@4.3.0", "serilog-again" ] },
            { "ref": "pkg:nuget/Serilog@4.3.0" },
            { "ref": "serilog-again" }
          ]
        }
        """;

    private static readonly string ImageId = "sha256:" + new string('1', 64);
    private static readonly string ManifestDigest = "sha256:" + new string('2', 64);

    private static readonly OsPackages Debian = new(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"),
        [new DebianPackage("zlib1g", "1:1.2.13.dfsg-1", "amd64", "zlib"), new DebianPackage("libc6", "2.36-9+deb12u14", "amd64", "glibc")],
        ["/var/lib/dpkg/status"]);

    private static ImageRecord Record(string? digest = null) => new()
    {
        ImageId = ImageId,
        ConfigDigest = ImageId,
        LocalReference = "acme-orders:build-0123456789ab",
        Image = "acme-orders",
        Version = "1.4.2",
        Commit = "0123456789abcdef",
        Revision = "0123456789abcdef",
        Created = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.FromHours(1)),
        Repository = digest is null ? null : "ghcr.io/acme/orders",
        Digest = digest,
    };

    private static MergedBom Merge(OsPackages? os = null, ImageRecord? record = null, string toolBom = ToolBom)
    {
        var (container, containerRef) = ContainerComponent.From(record ?? Record(), [("slipway:sbom:project", "src/Acme.Orders/Acme.Orders.csproj")]);
        return BomMerger.Merge(new BomMergeInput
        {
            ToolBom = toolBom,
            Os = os,
            Container = container,
            ContainerRef = containerRef,
            Timestamp = (record ?? Record()).Created,
            SlipwayVersion = "1.0.0",
        });
    }

    private static List<JsonObject> Components(MergedBom bom) => [.. bom.Document["components"]!.AsArray().Select(c => c!.AsObject())];

    private static JsonObject Dependency(MergedBom bom, string reference) =>
        bom.Document["dependencies"]!.AsArray().Select(d => d!.AsObject()).Single(d => d["ref"]!.GetValue<string>() == reference);

    private static List<string> DependsOn(MergedBom bom, string reference) =>
        [.. (Dependency(bom, reference)["dependsOn"]?.AsArray() ?? []).Select(d => d!.GetValue<string>())];

    [Fact]
    public void Lists_the_tool_packages_and_the_os_packages_each_with_its_purl()
    {
        var bom = Merge(Debian);

        Assert.Equal(
            [
                "pkg:nuget/Serilog.AspNetCore@10.0.0",
                "pkg:nuget/Serilog@4.3.0",
                "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12",
                "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12",
            ],
            Components(bom).Select(c => c["purl"]!.GetValue<string>()));
        Assert.Equal((2, 2), (bom.NuGetPackages, bom.OsPackages));
        var libc = Components(bom)[2];
        Assert.Equal(("library", "libc6", "2.36-9+deb12u14"), (libc["type"]!.GetValue<string>(), libc["name"]!.GetValue<string>(), libc["version"]!.GetValue<string>()));
        Assert.Contains(libc["properties"]!.AsArray(), p => p!["name"]!.GetValue<string>() == BomMerger.DebSourceProperty && p["value"]!.GetValue<string>() == "glibc");
    }

    [Fact]
    public void Keeps_what_the_tool_wrote_about_a_package()
    {
        var aspnet = Components(Merge())[0];

        Assert.Equal("required", aspnet["scope"]!.GetValue<string>());
        Assert.Equal("SHA-512", aspnet["hashes"]![0]!["alg"]!.GetValue<string>());
    }

    [Fact]
    public void A_purl_listed_twice_is_kept_once_and_references_to_the_duplicate_follow_the_kept_one()
    {
        var bom = Merge(Debian);

        Assert.Single(Components(bom), c => c["purl"]!.GetValue<string>() == "pkg:nuget/Serilog@4.3.0");
        Assert.Equal(["pkg:nuget/Serilog@4.3.0"], DependsOn(bom, "pkg:nuget/Serilog.AspNetCore@10.0.0"));
        Assert.DoesNotContain(bom.Document["dependencies"]!.AsArray(), d => d!["ref"]!.GetValue<string>() == "serilog-again");
    }

    [Fact]
    public void An_os_package_that_is_already_listed_is_not_added_again()
    {
        var twice = Debian with { Packages = [.. Debian.Packages, Debian.Packages[1]] };

        var bom = Merge(twice);

        Assert.Equal(2, bom.OsPackages);
        Assert.Equal(4, Components(bom).Count);
    }

    [Fact]
    public void The_image_is_the_subject_and_the_root_of_the_graph_in_place_of_the_project()
    {
        var bom = Merge(Debian);

        var subject = bom.Document["metadata"]!["component"]!.AsObject();
        Assert.Equal(("container", "acme-orders", "1.4.2"), (subject["type"]!.GetValue<string>(), subject["name"]!.GetValue<string>(), subject["version"]!.GetValue<string>()));
        var containerRef = subject["bom-ref"]!.GetValue<string>();
        Assert.Equal($"acme-orders@{ImageId}", containerRef);
        Assert.Null(subject["purl"]); // no manifest digest before Push
        Assert.Contains(subject["properties"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "slipway:image:id" && p["value"]!.GetValue<string>() == ImageId);
        Assert.Equal(
            ["pkg:nuget/Serilog.AspNetCore@10.0.0", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12", "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12"],
            DependsOn(bom, containerRef));
        Assert.DoesNotContain(bom.Document["dependencies"]!.AsArray(), d => d!["ref"]!.GetValue<string>() == "Acme.Orders@0.0.0");
    }

    [Fact]
    public void A_pushed_image_has_an_oci_purl_and_its_manifest_digest_as_hash()
    {
        var subject = Merge(Debian, Record(ManifestDigest)).Document["metadata"]!["component"]!.AsObject();

        Assert.Equal("ghcr.io/acme/orders", subject["name"]!.GetValue<string>());
        Assert.Equal($"pkg:oci/orders@sha256%3A{new string('2', 64)}?repository_url=ghcr.io/acme/orders", subject["purl"]!.GetValue<string>());
        Assert.Equal(subject["purl"]!.GetValue<string>(), subject["bom-ref"]!.GetValue<string>());
        Assert.Equal(new string('2', 64), subject["hashes"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public void The_timestamp_is_the_image_created_time_and_the_serial_number_follows_the_content()
    {
        var first = Merge(Debian);
        var again = Merge(Debian);
        var other = Merge(Debian with { Packages = [Debian.Packages[0]] });

        Assert.Equal("2026-11-30T07:15:00Z", first.Document["metadata"]!["timestamp"]!.GetValue<string>());
        Assert.Equal(first.ToJson(), again.ToJson());
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first.Document["serialNumber"]!.GetValue<string>());
        Assert.NotEqual(first.Document["serialNumber"]!.GetValue<string>(), other.Document["serialNumber"]!.GetValue<string>());
    }

    [Fact]
    public void The_document_is_cyclonedx_1_6_with_both_tools_and_readable_debian_versions()
    {
        var bom = Merge(Debian);

        Assert.Equal(["bomFormat", "specVersion", "serialNumber", "version", "metadata", "components", "dependencies"], bom.Document.Select(p => p.Key));
        Assert.Equal("1.6", bom.Document["specVersion"]!.GetValue<string>());
        Assert.Equal(["CycloneDX module for .NET", "Slipway"], bom.Document["metadata"]!["tools"]!["components"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Contains("\"version\": \"2.36-9+deb12u14\"", bom.ToJson(), StringComparison.Ordinal);
        Assert.Empty(BomValidator.Problems(bom.Document));
    }

    [Fact]
    public void Without_os_packages_the_sbom_lists_the_nuget_packages_under_the_image()
    {
        var bom = Merge(os: null);

        Assert.Equal((2, 0), (bom.NuGetPackages, bom.OsPackages));
        Assert.Empty(BomValidator.Problems(bom.Document));
    }

    [Fact]
    public void A_project_without_packages_still_gives_a_valid_sbom_of_the_image()
    {
        const string empty = """
            { "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
              "metadata": { "component": { "type": "application", "bom-ref": "SampleService@0.0.0", "name": "SampleService" } },
              "components": [], "dependencies": [ { "ref": "SampleService@0.0.0" } ] }
            """;

        var bom = Merge(Debian, toolBom: empty);

        Assert.Equal((0, 2), (bom.NuGetPackages, bom.OsPackages));
        Assert.Empty(BomValidator.Problems(bom.Document));
    }

    [Fact]
    public void Output_that_is_not_json_fails_the_build()
    {
        Assert.Throws<BuildFailedException>(() => Merge(toolBom: "Writing to: bom.json"));
    }
}
