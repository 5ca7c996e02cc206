using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// The generated service builds linux/amd64 and linux/arm64 (its .nuke/parameters.json) from the environment's
/// two-platform runtime base: one index, every platform scanned, and the same index from jobs split per platform.
/// </summary>
[Collection(GeneratedServiceCollection.Name)]
public sealed class MultiPlatformTests(GeneratedService service)
{
    private static readonly string[] s_both = ["linux/amd64", "linux/arm64"];

    [SkippableFact]
    public void The_release_is_one_index_of_exactly_amd64_and_arm64_and_every_tag_names_it()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);

        var index = RegistryJson.Manifest(service.ImageRepository, "1.4.2");
        Assert.Equal("application/vnd.oci.image.index.v1+json", index["mediaType"]!.GetValue<string>());
        var entries = index["manifests"]!.AsArray();
        Assert.Equal(s_both, entries.Select(e => $"{e!["platform"]!["os"]}/{e["platform"]!["architecture"]}"));
        var indexDigest = RegistryProbe.Digest(service.ImageRepository, "1.4.2");
        Assert.All(service.TagsAfterFirstPublish, tag => Assert.Equal(indexDigest, RegistryProbe.Digest(service.ImageRepository, tag)));
        foreach (var entry in entries)
        {
            var manifest = RegistryJson.Manifest(service.ImageRepository, entry!["digest"]!.GetValue<string>());
            var config = RegistryJson.Blob(service.ImageRepository, manifest["config"]!["digest"]!.GetValue<string>());
            Assert.Equal(entry["platform"]!["architecture"]!.GetValue<string>(), config["architecture"]!.GetValue<string>());
            Assert.Equal("1654", config["config"]!["User"]!.GetValue<string>());
        }

        using var record = JsonDocument.Parse(File.ReadAllText(service.Repository / "artifacts" / "image.json"));
        Assert.Equal(indexDigest, record.RootElement.GetProperty("digest").GetString());
        Assert.Equal(entries.Select(e => e!["digest"]!.GetValue<string>()),
            record.RootElement.GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("digest").GetString()));
        Assert.Equal(entries.Select(e => e!["digest"]!.GetValue<string>()),
            record.RootElement.GetProperty("scan").GetProperty("platforms").EnumerateArray().Select(p => p.GetString()));
        Assert.True(File.Exists(service.Repository / "artifacts" / "trivy" / "trivy.linux-arm64.json"), "the arm64 report is kept");
    }

    [SkippableFact]
    public void The_arm64_image_holds_aarch64_files_and_turns_healthy_where_emulation_is_set_up()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var reference = $"{service.Registry}/acme-orders:1.4.2";

        // Without running anything: the arm64 image's .NET runtime is an AArch64 ELF file (e_machine 183).
        var container = Commands.Docker("create", "--platform", "linux/arm64", reference);
        Assert.True(container.ExitCode == 0, Commands.Text(container));
        var id = container.StandardOutput.Trim();
        var copy = service.Pack.Workspace / "arm64-files";
        Directory.CreateDirectory(copy);
        try
        {
            var copied = Commands.Docker("cp", "-L", $"{id}:/usr/share/dotnet/shared/Microsoft.NETCore.App", copy);
            Assert.True(copied.ExitCode == 0, Commands.Text(copied));
        }
        finally
        {
            Commands.Docker("rm", id);
        }
        var coreclr = Directory.GetFiles(copy, "libcoreclr.so", SearchOption.AllDirectories).Single();
        var header = File.ReadAllBytes(coreclr).AsSpan(0, 20).ToArray();
        Assert.Equal("\u007fELF", System.Text.Encoding.ASCII.GetString(header, 0, 4));
        Assert.Equal(183, BitConverter.ToUInt16(header, 18));

        var (emulation, reason) = DockerEnvironment.Current.Arm64Emulation;
        Skip.IfNot(emulation, $"The arm64 image was not run: {reason}. Checked instead: its libcoreclr.so is an AArch64 ELF file (and, in the index test, its config says arm64 and user 1654).");
        // Under QEMU each probe process starts the .NET runtime emulated (about 10 s here): the probe gets 90 s, not the image's 5 s.
        ContainerHealth.AssertTurnsHealthy(reference, "linux/arm64", seconds: 240, probeTimeout: "90s");
    }

    [SkippableFact]
    public void A_fixed_CRITICAL_in_only_the_arm64_report_stops_the_push_and_names_the_platform()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var repository = service.Copy("arm64-critical");
        Commands.Git(repository, "checkout", "--quiet", "-b", "feature/arm64-vulnerable");
        File.AppendAllText(repository / "src" / "Acme.Orders" / "Program.cs", $"{Environment.NewLine}// arm64 critical{Environment.NewLine}");
        Commands.Git(repository, "commit", "--quiet", "--all", "--message", "Vulnerable on arm64");
        var before = RegistryProbe.VersionTags(service.ImageRepository);

        var run = service.PublishImage(repository, environment: new Dictionary<string, string> { ["TRIVY_STANDIN_FINDINGS_LINUX_ARM64"] = "critical-fixed" });

        var output = Commands.Text(run);
        Assert.True(run.ExitCode != 0, output);
        Assert.Matches(@"TrivyScan\s+Failed", output);
        Assert.Matches(@"Push\s+NotRun", output);
        Assert.Contains("[linux/arm64: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[linux/amd64: ", output, StringComparison.Ordinal);
        Assert.Contains("linux/arm64", File.ReadAllText(repository / "artifacts" / "trivy" / "trivy.sarif"), StringComparison.Ordinal);
        Assert.Contains("linux/arm64", File.ReadAllText(repository / "artifacts" / "trivy" / "gl-container-scanning-report.json"), StringComparison.Ordinal);
        Assert.Contains("linux/arm64", File.ReadAllText(repository / "artifacts" / "trivy" / "trivy.md"), StringComparison.Ordinal);
        Assert.Equal(before, RegistryProbe.VersionTags(service.ImageRepository));
    }

    [SkippableFact]
    public void A_one_line_change_rebuilds_both_platforms_with_the_restore_layer_from_the_cache()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var repository = service.Copy("multi-one-line");
        File.AppendAllText(repository / "src" / "Acme.Orders" / "Program.cs", $"{Environment.NewLine}// one line{Environment.NewLine}");
        Commands.Git(repository, "commit", "--quiet", "--all", "--message", "One line");

        var run = service.Publish(repository, ["DockerBuild"]);

        Expect.Succeeded(run);
        using var record = JsonDocument.Parse(File.ReadAllText(repository / "artifacts" / "image.json"));
        Assert.True(record.RootElement.GetProperty("restoreCached").GetBoolean(), Commands.Text(run));
        Assert.Equal(s_both, record.RootElement.GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("platform").GetString()));
    }

    [SkippableFact]
    public void An_unknown_platform_is_refused_before_the_first_target_with_the_accepted_ones()
    {
        Expect.Docker();
        var run = service.Publish(service.Copy("sparc"), ["Publish", "--platforms", "linux/amd64,linux/sparc"]);

        var output = Commands.Text(run);
        Assert.True(run.ExitCode != 0, output);
        Assert.Contains("--platforms 'linux/sparc' is not a platform", output, StringComparison.Ordinal);
        Assert.Contains("Accepted: linux/amd64, linux/arm64, linux/arm/v7", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Restore\s+Succeeded", output);
    }

    [SkippableFact]
    public void A_base_image_without_arm64_is_refused_naming_the_image_and_its_platforms()
    {
        Expect.Docker();
        var amd64Only = DockerEnvironment.Current.RuntimeImage;

        var run = service.Publish(service.Copy("amd64-base"), ["DockerBuild"], new Dictionary<string, string> { ["RUNTIME_IMAGE"] = amd64Only });

        var output = Commands.Text(run);
        Assert.True(run.ExitCode != 0, output);
        Assert.Contains($"The base image {amd64Only} has no linux/arm64 image: it has linux/amd64.", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Two_platform_jobs_and_the_merge_job_publish_the_index_of_the_one_job_build_and_an_unscanned_platform_is_refused()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var registry = service.Registry + "-split";
        var repository = $"{registry["localhost:5000/".Length..]}/acme-orders";
        var jobs = service.Copy("split");
        Directory.Delete(jobs / "artifacts", recursive: true);

        foreach (var platform in s_both)
            Expect.Succeeded(service.Publish(jobs, ["PublishPlatform", "--platforms", platform, "--registry", registry]));
        Assert.Empty(RegistryProbe.VersionTags(repository));

        // A platform record whose scan is gone, and one of a digest the registry does not have: refused, nothing tagged.
        var platforms = jobs / "artifacts" / "platforms";
        var unscanned = JsonNode.Parse(File.ReadAllText(platforms / "linux-arm64" / "image.json"))!.AsObject();
        unscanned.Remove("scan");
        // Outside the checkout: a file in the build context would make the merge's source dirty.
        var tampered = service.Pack.Workspace / "split-unscanned.json";
        File.WriteAllText(tampered, unscanned.ToJsonString());
        var refused = service.Publish(jobs, ["PublishIndex", "--registry", registry, "--platform-records", "artifacts/platforms/linux-amd64/image.json", tampered]);
        var refusedOutput = Commands.Text(refused);
        Assert.True(refused.ExitCode != 0, refusedOutput);
        Assert.Contains("no index was written and nothing was tagged", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("linux/arm64: The image", refusedOutput, StringComparison.Ordinal);
        Assert.Contains("was not scanned", refusedOutput, StringComparison.Ordinal);
        Assert.Empty(RegistryProbe.VersionTags(repository));

        var merge = service.Publish(jobs, ["PublishIndex", "--registry", registry]);

        Expect.Succeeded(merge);
        var oneJob = RegistryProbe.Digest(service.ImageRepository, "1.4.2");
        Assert.Equal(service.TagsAfterFirstPublish, RegistryProbe.VersionTags(repository));
        Assert.All(RegistryProbe.VersionTags(repository), tag => Assert.Equal(oneJob, RegistryProbe.Digest(repository, tag)));
    }

    /// <summary>The local registry's manifests and blobs as JSON.</summary>
    private static class RegistryJson
    {
        public static JsonObject Manifest(string repository, string reference) => Get($"{repository}/manifests/{reference}");

        public static JsonObject Blob(string repository, string digest) => Get($"{repository}/blobs/{digest}");

        private static JsonObject Get(string path)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{DockerEnvironment.Current.Registry}/v2/{path}"));
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
            using var response = http.Send(request);
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(response.Content.ReadAsStream())!.AsObject();
        }
    }
}
