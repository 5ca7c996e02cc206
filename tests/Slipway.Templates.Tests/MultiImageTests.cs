using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// Issue 24, several images in one Publish: an API and a worker of one repository, each published to its own
/// repository under <c>--registry</c> with its own record, one version for both, and one release for the set. The
/// repository is Visual Studio's layout (each service's Dockerfile in its folder, built from the solution folder), and
/// one Publish of it (<see cref="TwoImageRepository.Published"/>) is shared: tests that change it publish a copy.
/// </summary>
public sealed partial class MultiImageTests(TwoImageRepository fixture) : IClassFixture<TwoImageRepository>
{
    [SkippableFact]
    public void Publish_on_a_tag_tests_and_publishes_both_project_dockerfiles_to_their_own_repositories_with_version_tags_and_no_latest()
    {
        Expect.Docker();
        Assert.Empty(fixture.ChangedByAdoption);
        var help = Commands.Run(fixture.Repository! / "build.sh", ["--help"], fixture.Repository!, TemplatePack.Shared.BuildEnvironment());

        var (repository, registry, publish) = fixture.Published;

        Expect.Succeeded(help);
        Assert.Contains("contoso-api: src/Contoso.Api/Dockerfile, context ., project src/Contoso.Api/Contoso.Api.csproj", Commands.Text(help), StringComparison.Ordinal);
        Assert.Contains("contoso-worker: src/Contoso.Worker/Dockerfile, context ., project src/Contoso.Worker/Contoso.Worker.csproj", Commands.Text(help), StringComparison.Ordinal);
        Expect.Succeeded(publish);
        Assert.Matches(@"Test\s+Succeeded\s+\S+\s+[1-9]\d* passed, 0 failed", Commands.Text(publish));
        foreach (var image in new[] { TwoImageRepository.Api, TwoImageRepository.Worker })
        {
            using var record = AssertPublished(repository, registry, image, "1.2.3");
            // The adopted build names no platform, here or in its CI file: each image is built for the machine it runs on,
            // so a Visual Studio build stage without --platform=$BUILDPLATFORM is never emulated. No index, no platform list.
            Assert.False(record.RootElement.TryGetProperty("platforms", out _), $"{image}: a one-platform build");
        }
        Assert.False(File.Exists(repository / "artifacts" / "image.json"), "each project's image keeps its own record");
        Assert.DoesNotContain("Platforms", File.ReadAllText(repository / ".nuke" / "parameters.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("--platforms", File.ReadAllText(repository / ".github" / "workflows" / "publish.yml"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void In_a_slnx_repository_with_central_packages_the_worker_dockerfile_AddDockerfile_wrote_publishes_alone_with_images()
    {
        Expect.Docker();
        var slnx = TwoImageRepository.WithSlnxAndCentralPackages();
        Assert.Empty(slnx.ChangedByAdoption);
        Expect.Succeeded(slnx.AddDockerfileRun!);
        Assert.Contains("Wrote src/Contoso.Worker/Dockerfile", Commands.Text(slnx.AddDockerfileRun!), StringComparison.Ordinal);
        var repository = slnx.Repository!;
        var registry = TwoImageRepository.Namespace("slnx");

        var publish = TwoImageRepository.Publish(repository, registry, null, "--images", TwoImageRepository.Worker);

        Expect.Succeeded(publish);
        Assert.Matches(@"DockerLint\s+Succeeded\s+\S+\s+(contoso-worker: )?src/Contoso.Worker/Dockerfile: 0 errors, 0 warnings", Commands.Text(publish));
        AssertPublished(repository, registry, TwoImageRepository.Worker, "1.2.3").Dispose();
        Assert.Empty(RegistryProbe.VersionTags(RepositoryOf(registry, TwoImageRepository.Api)));
        Assert.False(Directory.Exists(repository / "artifacts" / "images" / TwoImageRepository.Api), "no record of the image not selected");
    }

    [SkippableFact]
    public void After_a_change_in_the_worker_only_one_publish_gives_both_images_the_new_version_and_the_api_push_sends_no_layer()
    {
        Expect.Docker();
        var published = fixture.Published;
        Expect.Succeeded(published.Run);
        var repository = TwoImageRepository.Copy(published.Repository, "worker-change");
        File.AppendAllText(repository / "src" / "Contoso.Worker" / "Worker.cs", $"{Environment.NewLine}// changed by a test{Environment.NewLine}");
        Commands.Git(repository, "commit", "--quiet", "--all", "--message", "Worker only");
        Commands.Git(repository, "tag", "v1.3.0");

        var publish = TwoImageRepository.Publish(repository, published.Registry, null);

        Expect.Succeeded(publish);
        AssertPublished(repository, published.Registry, TwoImageRepository.Api, "1.3.0").Dispose();
        AssertPublished(repository, published.Registry, TwoImageRepository.Worker, "1.3.0").Dispose();
        Assert.Empty(LayersSent(publish, TwoImageRepository.Api));
        Assert.NotEmpty(LayersSent(publish, TwoImageRepository.Worker));
    }

    [SkippableFact]
    public void Rescan_rescans_every_published_image_reports_each_in_its_own_category_and_fails_naming_the_worker()
    {
        Expect.Docker();
        var published = fixture.Published;
        Expect.Succeeded(published.Run);
        var repository = TwoImageRepository.Copy(published.Repository, "rescan");

        var rescan = Commands.Run(repository / "build.sh", ["Rescan", "--registry", published.Registry], repository,
            TemplatePack.Shared.BuildEnvironment(new Dictionary<string, string>
            {
                ["TRIVY_STANDIN_FINDINGS"] = "critical-fixed",
                ["TRIVY_STANDIN_FINDINGS_ONLY_IN"] = TwoImageRepository.Worker,
            }));

        var output = Commands.Text(rescan);
        Assert.True(rescan.ExitCode != 0, output);
        Assert.Contains("1 of 2 published images failed the rescan (each was rescanned). contoso-worker: ", output, StringComparison.Ordinal);
        Assert.Contains($"{TwoImageRepository.Api}: rescanned: trivy: 0 blocking", output, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(repository / "artifacts" / "trivy" / "rescan" / "trivy.sarif"));
        var runs = sarif.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([$"slipway/trivy/{TwoImageRepository.Api}/", $"slipway/trivy/{TwoImageRepository.Worker}/"],
            runs.Select(r => r.GetProperty("automationDetails").GetProperty("id").GetString()));
        Assert.Equal(0, runs[0].GetProperty("results").GetArrayLength());
        Assert.NotEqual(0, runs[1].GetProperty("results").GetArrayLength());
    }

    [SkippableFact]
    public void A_failed_scan_of_the_worker_tags_nothing_of_either_image()
    {
        Expect.Docker();
        var repository = fixture.Copy("worker-critical");
        var registry = TwoImageRepository.Namespace("worker-critical");

        var publish = TwoImageRepository.Publish(repository, registry, new Dictionary<string, string>
        {
            ["TRIVY_STANDIN_FINDINGS"] = "critical-fixed",
            ["TRIVY_STANDIN_FINDINGS_ONLY_IN"] = "Contoso.Worker",
        });

        var output = Commands.Text(publish);
        Assert.True(publish.ExitCode != 0, output);
        Assert.Matches(@"TrivyScan\s+Failed", output);
        Assert.Empty(RegistryProbe.VersionTags(RepositoryOf(registry, TwoImageRepository.Api)));
        Assert.Empty(RegistryProbe.VersionTags(RepositoryOf(registry, TwoImageRepository.Worker)));
    }

    [SkippableFact]
    public void Images_naming_an_unknown_image_is_refused_before_any_target_listing_the_images_found()
    {
        Expect.Docker();
        var repository = fixture.Copy("unknown-image");

        var publish = TwoImageRepository.Publish(repository, TwoImageRepository.Namespace("unknown-image"), null, "--images", "nope");

        var output = Commands.Text(publish);
        Assert.True(publish.ExitCode != 0, output);
        Assert.Contains("--images nope: there is no such image", output, StringComparison.Ordinal);
        Assert.Contains("contoso-api: src/Contoso.Api/Dockerfile", output, StringComparison.Ordinal);
        Assert.Contains("contoso-worker: src/Contoso.Worker/Dockerfile", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(Restore|Compile|Test)\s+(Succeeded|Failed)", output);
    }

    private static string RepositoryOf(string registry, string image) => $"{registry[(DockerEnvironment.Current.Registry.Length + 1)..]}/{image}";

    // The image is in its own repository with this version's tags and no latest, and its record says where (returned).
    private static JsonDocument AssertPublished(AbsolutePath repository, string registry, string image, string version)
    {
        var tags = RegistryProbe.VersionTags(RepositoryOf(registry, image));
        var parts = version.Split('.');
        Assert.Superset(new HashSet<string>([version, $"{parts[0]}.{parts[1]}", parts[0]], StringComparer.Ordinal), tags.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain("latest", tags);
        var record = JsonDocument.Parse(File.ReadAllText(repository / "artifacts" / "images" / image / "image.json"));
        Assert.Equal($"{registry}/{image}", record.RootElement.GetProperty("repository").GetString());
        Assert.Equal(version, record.RootElement.GetProperty("version").GetString());
        return record;
    }

    // The layers `docker push` sent to this image's repository ("<id>: Pushed"), from the lines between its
    // "The push refers to repository [...]" and the next push; a tag added without docker push sends none.
    private static List<string> LayersSent(ToolResult run, string image)
    {
        var sent = new List<string>();
        var inImage = false;
        foreach (var line in run.Output.Select(l => l.Text))
        {
            if (PushRefersTo().Match(line) is { Success: true } push) inImage = push.Groups["repository"].Value.EndsWith("/" + image, StringComparison.Ordinal);
            else if (inImage && LayerPushed().Match(line) is { Success: true } layer) sent.Add(layer.Groups["layer"].Value);
        }
        return sent;
    }

    [GeneratedRegex(@"The push refers to repository \[(?<repository>[^\]]+)\]")]
    private static partial Regex PushRefersTo();

    [GeneratedRegex(@"(?<layer>[0-9a-f]{12}): Pushed\b")]
    private static partial Regex LayerPushed();
}
