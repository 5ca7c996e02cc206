using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// Issue 24, several images in one Publish: an API and a worker of one repository, each published to its own
/// repository under <c>--registry</c> with its own record, one version for both, and one release for the set. Each test
/// publishes a copy of <see cref="TwoImageRepository"/> to a registry namespace of its own.
/// </summary>
public sealed partial class MultiImageTests(TwoImageRepository fixture) : IClassFixture<TwoImageRepository>
{
    private static readonly string[] VersionTags = ["1.2.3", "1.2", "1"];

    [SkippableFact]
    public void Publish_on_a_tag_tests_and_publishes_both_images_to_their_own_repositories_with_version_tags_and_no_latest()
    {
        Expect.Docker();
        Assert.Empty(fixture.ChangedByAdoption);
        var repository = fixture.Copy("both");
        var registry = Namespace("both");

        var publish = Publish(repository, registry);

        Expect.Succeeded(publish);
        Assert.Matches(@"Test\s+Succeeded\s+\S+\s+[1-9]\d* passed, 0 failed", Commands.Text(publish));
        foreach (var image in new[] { TwoImageRepository.Api, TwoImageRepository.Worker })
            AssertPublished(repository, registry, image, "1.2.3");
    }

    [SkippableFact]
    public void In_a_slnx_repository_with_central_packages_both_images_are_found_and_one_selected_publishes_with_its_record()
    {
        Expect.Docker();
        var slnx = TwoImageRepository.WithSlnxAndCentralPackages();
        Assert.Empty(slnx.ChangedByAdoption);
        var repository = slnx.Repository!;
        var registry = Namespace("slnx");

        var help = Commands.Run(repository / "build.sh", ["--help"], repository, TemplatePack.Shared.BuildEnvironment());
        var publish = Publish(repository, registry, "--images", TwoImageRepository.Worker);

        Expect.Succeeded(help);
        Assert.Contains("contoso-api: src/Contoso.Api/Dockerfile, context .", Commands.Text(help), StringComparison.Ordinal);
        Assert.Contains("contoso-worker: src/Contoso.Worker/Dockerfile, context .", Commands.Text(help), StringComparison.Ordinal);
        Expect.Succeeded(publish);
        AssertPublished(repository, registry, TwoImageRepository.Worker, "1.2.3");
        Assert.Empty(RegistryProbe.VersionTags(RepositoryOf(registry, TwoImageRepository.Api)));
    }

    // Each image is published by its own run (--images): this holds with or without several images in one Publish.
    [SkippableFact]
    public void A_change_in_the_worker_only_gives_both_images_the_new_version_and_the_api_push_sends_no_layer()
    {
        Expect.Docker();
        var repository = fixture.Copy("worker-change");
        var registry = Namespace("worker-change");
        foreach (var image in new[] { TwoImageRepository.Api, TwoImageRepository.Worker })
            Expect.Succeeded(Publish(repository, registry, "--images", image));
        File.AppendAllText(repository / "src" / "Contoso.Worker" / "Worker.cs", $"{Environment.NewLine}// changed by a test{Environment.NewLine}");
        Commands.Git(repository, "commit", "--quiet", "--all", "--message", "Worker only");
        Commands.Git(repository, "tag", "v1.3.0");

        var api = Publish(repository, registry, "--images", TwoImageRepository.Api);
        var worker = Publish(repository, registry, "--images", TwoImageRepository.Worker);

        Expect.Succeeded(api);
        Expect.Succeeded(worker);
        AssertPublished(repository, registry, TwoImageRepository.Api, "1.3.0");
        AssertPublished(repository, registry, TwoImageRepository.Worker, "1.3.0");
        Assert.Empty(LayersSent(api, TwoImageRepository.Api));
        Assert.NotEmpty(LayersSent(worker, TwoImageRepository.Worker));
    }

    [SkippableFact]
    public void A_failed_scan_of_the_worker_tags_nothing_of_either_image()
    {
        Expect.Docker();
        var repository = fixture.Copy("worker-critical");
        var registry = Namespace("worker-critical");

        var publish = Publish(repository, registry, environment: new Dictionary<string, string>
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
    public void Images_naming_one_image_publishes_only_that_one()
    {
        Expect.Docker();
        var repository = fixture.Copy("api-only");
        var registry = Namespace("api-only");

        var publish = Publish(repository, registry, "--images", TwoImageRepository.Api);

        Expect.Succeeded(publish);
        AssertPublished(repository, registry, TwoImageRepository.Api, "1.2.3");
        Assert.Empty(RegistryProbe.VersionTags(RepositoryOf(registry, TwoImageRepository.Worker)));
        Assert.False(Directory.Exists(repository / "artifacts" / "images" / TwoImageRepository.Worker), "no record of the image not selected");
    }

    [SkippableFact]
    public void Images_naming_an_unknown_image_is_refused_before_any_target_listing_the_images_found()
    {
        Expect.Docker();
        var repository = fixture.Copy("unknown-image");

        var publish = Publish(repository, Namespace("unknown-image"), "--images", "nope");

        var output = Commands.Text(publish);
        Assert.True(publish.ExitCode != 0, output);
        Assert.Contains("--images nope: there is no such image", output, StringComparison.Ordinal);
        Assert.Contains("contoso-api: src/Contoso.Api/Dockerfile", output, StringComparison.Ordinal);
        Assert.Contains("contoso-worker: src/Contoso.Worker/Dockerfile", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(Restore|Compile|Test)\s+(Succeeded|Failed)", output);
    }

    private static string Namespace(string test) => $"{DockerEnvironment.Current.Registry}/e2e-multi-{test}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string RepositoryOf(string registry, string image) => $"{registry[(DockerEnvironment.Current.Registry.Length + 1)..]}/{image}";

    private static ToolResult Publish(AbsolutePath repository, string registry, params string[] arguments) =>
        Publish(repository, registry, null, arguments);

    private static ToolResult Publish(AbsolutePath repository, string registry, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Commands.Run(repository / "build.sh", ["Publish", "--registry", registry, .. arguments], repository,
            TemplatePack.Shared.BuildEnvironment(environment), TimeSpan.FromMinutes(20));

    // The image is in its own repository with this version's tags and no latest, and its record says where.
    private static void AssertPublished(AbsolutePath repository, string registry, string image, string version)
    {
        var tags = RegistryProbe.VersionTags(RepositoryOf(registry, image));
        var parts = version.Split('.');
        Assert.Superset(new HashSet<string>([version, $"{parts[0]}.{parts[1]}", parts[0]], StringComparer.Ordinal), tags.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain("latest", tags);
        using var record = JsonDocument.Parse(File.ReadAllText(repository / "artifacts" / "images" / image / "image.json"));
        Assert.Equal($"{registry}/{image}", record.RootElement.GetProperty("repository").GetString());
        Assert.Equal(version, record.RootElement.GetProperty("version").GetString());
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
