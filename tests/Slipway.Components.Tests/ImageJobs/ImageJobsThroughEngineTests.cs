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

    private readonly TwoImageRelease _release = new();
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));

    /// <summary>A generated build's shape with the image split.</summary>
    internal sealed class SplitBuild : SlipwayBuild, IPublishImageJobs;

    public void Dispose()
    {
        _registry.Dispose();
        _release.Dispose();
    }

    private string Api => _release.Api;

    private string Worker => _release.Worker;

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
        using var repository = _release.CreateRepository();
        var (api, worker) = (_release.ScannedImage(repository, Api, passed: true), _release.ScannedImage(repository, Worker, passed: true));

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
        using var repository = _release.CreateRepository();
        var api = _release.ScannedImage(repository, Api, passed: true);
        var worker = _release.ScannedImage(repository, Worker, passed: false);

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

    [GeneratedRegex(@"^\s+\d+\. (\w+)", RegexOptions.Multiline)]
    private static partial Regex PlanLine();
}
