using System.Text.RegularExpressions;
using Slipway.Components.ImageJobs;
using Slipway.Components.Images;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Registry;
using Slipway.Components.Tests.Versioning;
using Slipway.Components.Versioning;
using Slipway.IO;

namespace Slipway.Components.Tests.ImageJobs;

/// <summary>
/// Publish split into one job per image, run by the real engine on a real git repository against the local registry:
/// each PublishImage job pushes its scanned image by digest only, and PublishSet tags the images only once every image
/// job has handed over a scanned image of this commit. One release is the set.
/// </summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed partial class ImageJobsThroughEngineTests : IDisposable
{
    private const string Registry = "localhost:5000/slipway-tests";

    // The image jobs' steps before the push, which these tests stand in for with a built image and its record.
    private static readonly string[] Prepared = ["--skip", "Restore", "Compile", "Test", "DockerLint", "DockerBuild", "TrivyScan", "Sbom"];

    private readonly List<string> _images = [];
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    /// <summary>A generated build's shape with the image split.</summary>
    internal sealed class SplitBuild : SlipwayBuild, IPublishImageJobs;

    public void Dispose()
    {
        _registry.Dispose();
        foreach (var image in _images) LocalDocker.RemoveImage(image);
    }

    private string Api => "api-" + _suffix;

    private string Worker => "worker-" + _suffix;

    [Fact]
    public void PublishSet_admits_then_pushes_and_signs_in_the_plan_and_builds_nothing()
    {
        using var root = new TemporaryDirectory("slipway-set-plan");

        var (exitCode, output) = EngineRuns.Run<SplitBuild>(root.Path, "PublishSet", "--plan", "--registry", "localhost:5000/plan");

        Assert.True(exitCode == 0, output);
        var order = PlanLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.True(order.IndexOf("AdmitSet") < order.IndexOf("Push") && order.IndexOf("Push") < order.IndexOf("Sign"), output);
        foreach (var local in new[] { "DockerBuild", "TrivyScan", "Sbom", "CommittedSource", "Tag" })
            Assert.True(new Regex($@"\d+\. {local}\b.*skipped: condition false: .*PublishSet").IsMatch(output), output);
        Assert.DoesNotContain("Test", order);
    }

    [SkippableFact]
    public async Task Each_image_job_pushes_by_digest_only_and_the_final_job_tags_the_set_once_every_image_is_there()
    {
        using var repository = TwoImageRepository();
        var (api, worker) = (ScannedImage(repository, Api, passed: true), ScannedImage(repository, Worker, passed: true));

        var apiJob = EngineRuns.Run<SplitBuild>(repository.Path, ["PublishImage", "--images", Api, "--registry", Registry, .. Prepared]);
        var early = EngineRuns.Run<SplitBuild>(repository.Path, "PublishSet", "--skip", "Sign", "--registry", Registry);
        var apiTagsEarly = await _registry.GetDigestAsync(RepositoryOf(Api), "2.0.0", null);
        var workerJob = EngineRuns.Run<SplitBuild>(repository.Path, ["PublishImage", "--images", Worker, "--registry", Registry, .. Prepared]);
        var set = EngineRuns.Run<SplitBuild>(repository.Path, "PublishSet", "--skip", "Sign", "--registry", Registry);

        Assert.True(apiJob.ExitCode == 0, apiJob.Output);
        Assert.Contains($"by digest for the final job (PublishSet)", apiJob.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(repository.Path, "artifacts", "image-jobs", Api, "image.json")), "the hand-over record");
        Assert.NotEqual(0, early.ExitCode);
        Assert.Contains("The images cannot be released as one set, so nothing was tagged", early.Output, StringComparison.Ordinal);
        Assert.Contains($"{Worker}: no image job record pushed it to {Registry}/{Worker}", early.Output, StringComparison.Ordinal);
        Assert.Null(apiTagsEarly);
        Assert.True(workerJob.ExitCode == 0, workerJob.Output);
        Assert.True(set.ExitCode == 0, set.Output);
        foreach (var (name, id) in new[] { (Api, api), (Worker, worker) })
        {
            var record = ImageRecord.Read(AbsolutePath.Create(Path.Combine(repository.Path, "artifacts", "images", name, "image.json")))!;
            Assert.Equal(id, record.Digest);
            Assert.Contains("2.0.0", record.Tags ?? []);
            Assert.Equal(id, await _registry.GetDigestAsync(RepositoryOf(name), "2.0.0", null));
        }
        Assert.Matches(new Regex(@"^Push\s+Succeeded", RegexOptions.Multiline), set.Output);
        Assert.Matches(new Regex(@"^DockerBuild\s+Skipped \(condition false", RegexOptions.Multiline), set.Output);
    }

    [SkippableFact]
    public async Task An_image_job_whose_scan_failed_pushes_nothing_and_the_set_is_not_released()
    {
        using var repository = TwoImageRepository();
        var api = ScannedImage(repository, Api, passed: true);
        var worker = ScannedImage(repository, Worker, passed: false);

        var apiJob = EngineRuns.Run<SplitBuild>(repository.Path, ["PublishImage", "--images", Api, "--registry", Registry, .. Prepared]);
        var workerJob = EngineRuns.Run<SplitBuild>(repository.Path, ["PublishImage", "--images", Worker, "--registry", Registry, .. Prepared]);
        var set = EngineRuns.Run<SplitBuild>(repository.Path, "PublishSet", "--skip", "Sign", "--registry", Registry);

        Assert.True(apiJob.ExitCode == 0, apiJob.Output);
        Assert.NotEqual(0, workerJob.ExitCode);
        Assert.Contains("Nothing was pushed.", workerJob.Output, StringComparison.Ordinal);
        Assert.Null(await _registry.GetManifestAsync(RepositoryOf(Worker), worker, null));
        Assert.NotEqual(0, set.ExitCode);
        Assert.Contains($"{Worker}: no image job record", set.Output, StringComparison.Ordinal);
        Assert.Null(await _registry.GetDigestAsync(RepositoryOf(Api), "2.0.0", null));
        Assert.NotNull(await _registry.GetManifestAsync(RepositoryOf(Api), api, null));
    }

    private static ImageRepository RepositoryOf(string name) => ImageRepository.Combine(Registry, name);

    // A released repository (tag 2.0.0 on HEAD) listing two images in .nuke/parameters.json, their Dockerfiles committed.
    private TempGitRepository TwoImageRepository()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(EngineRuns.Environment())), "GitVersion.MsBuild 6.8.2 was not downloaded");
        var repository = EngineRuns.ReleasedRepository("1.0.0");
        foreach (var name in new[] { Api, Worker })
        {
            Directory.CreateDirectory(Path.Combine(repository.Path, "src", name));
            File.WriteAllText(Path.Combine(repository.Path, "src", name, "Dockerfile"), "FROM scratch\n");
        }
        Directory.CreateDirectory(Path.Combine(repository.Path, ".nuke"));
        File.WriteAllText(Path.Combine(repository.Path, ".nuke", "parameters.json"), $$"""
            { "ImageDefinitions": [
              { "Name": "{{Api}}", "Dockerfile": "src/{{Api}}/Dockerfile", "Context": "." },
              { "Name": "{{Worker}}", "Dockerfile": "src/{{Worker}}/Dockerfile", "Context": "." } ] }
            """);
        repository.Git("add", "src");
        repository.Commit("two images");
        repository.Git("tag", "2.0.0");
        return repository;
    }

    // A unique local image of this commit recorded as <name>'s build, its scan passed or failed.
    private string ScannedImage(TempGitRepository repository, string name, bool passed)
    {
        var commit = repository.Git("rev-parse", "HEAD");
        var imageId = LocalDocker.BuildUniqueImage(commit);
        _images.Add(imageId);
        new ImageRecord
        {
            ImageId = imageId, LocalReference = imageId, Image = name, Version = "2.0.0", Commit = commit, Revision = commit,
            Scan = new ScanRecord { ImageId = imageId, Passed = passed, Threshold = "HIGH", Blocking = passed ? 0 : 2 },
        }.Write(AbsolutePath.Create(Path.Combine(repository.Path, "artifacts", "images", name, "image.json")));
        return imageId;
    }

    [GeneratedRegex(@"^\s+\d+\. (\w+)", RegexOptions.Multiline)]
    private static partial Regex PlanLine();
}
