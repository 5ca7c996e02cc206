using Slipway.Components.Images;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Versioning;
using Slipway.Components.Versioning;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Components.Tests.Registry;

/// <summary>
/// Tag and Push of a repository with two images (an API and a worker), run by the real engine on a real git repository
/// and pushed to the local registry: each image under its own repository, with its own record; one release is the set.
/// </summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed class ReleaseSetThroughEngineTests : IDisposable
{
    private const string Registry = "localhost:5000/slipway-tests";
    private readonly TwoImageRelease _release = new();
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        _registry.Dispose();
        _release.Dispose();
    }

    /// <summary>A build with the push chain; DockerBuild and TrivyScan are skipped, their records are written by the test.</summary>
    internal sealed class PushBuild : SlipwayBuild, IPush;

    private string Api => _release.Api;

    private string Worker => _release.Worker;

    [SkippableFact]
    public void Push_pushes_each_image_under_its_own_repository_and_records_it_in_its_own_record()
    {
        using var repository = _release.CreateRepository();
        var (api, worker) = (_release.ScannedImage(repository, Api, passed: true), _release.ScannedImage(repository, Worker, passed: true));

        var (exitCode, output) = EngineRuns.Run<PushBuild>(repository.Path, "Push", "--skip", "DockerBuild", "TrivyScan", "--registry", Registry);

        Assert.True(exitCode == 0, output);
        foreach (var (name, id) in new[] { (Api, api), (Worker, worker) })
        {
            var record = ImageRecord.Read(RecordFile(repository, name))!;
            Assert.Equal($"{Registry}/{name}@{id}", record.Reference);
            Assert.Contains("2.0.0", record.Tags ?? []);
            Assert.Equal(id, _registry.GetDigestAsync(ImageRepository.Combine(Registry, name), "2.0.0", null).GetAwaiter().GetResult());
            Assert.Contains($"{name}: 2.0.0, 2.0, 2, sha-", output, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine(repository.Path, "artifacts", "image.json")), "a repository of two images keeps no artifacts/image.json");
    }

    [SkippableFact]
    public void Tag_refuses_the_whole_set_when_one_image_failed_its_scan_and_tags_nothing_of_either()
    {
        using var repository = _release.CreateRepository();
        var (api, worker) = (_release.ScannedImage(repository, Api, passed: true), _release.ScannedImage(repository, Worker, passed: false));

        var (exitCode, output) = EngineRuns.Run<PushBuild>(repository.Path, "Push", "--skip", "DockerBuild", "TrivyScan", "--registry", Registry);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("1 of 2 images did not pass the scan gate", output, StringComparison.Ordinal);
        Assert.Contains($"{Worker}: ", output, StringComparison.Ordinal);
        Assert.Contains("Nothing of any image was tagged or pushed", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Api}: ", output.Split("did not pass the scan gate")[1].Split("Nothing of any image")[0], StringComparison.Ordinal);
        foreach (var (name, id) in new[] { (Api, api), (Worker, worker) })
        {
            Assert.Null(ImageRecord.Read(RecordFile(repository, name))!.Admission);
            Assert.DoesNotContain($"{Registry}/{name}:", LocalDocker.Docker("image", "inspect", "--format", "{{json .RepoTags}}", id), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void Images_selects_the_one_image_that_is_tagged_and_pushed()
    {
        using var repository = _release.CreateRepository();
        var api = _release.ScannedImage(repository, Api, passed: true);

        var (exitCode, output) = EngineRuns.Run<PushBuild>(repository.Path,
            "Push", "--skip", "DockerBuild", "TrivyScan", "--registry", Registry, "--images", Api);

        Assert.True(exitCode == 0, output);
        Assert.Equal($"{Registry}/{Api}@{api}", ImageRecord.Read(RecordFile(repository, Api))!.Reference);
        Assert.False(File.Exists(RecordFile(repository, Worker)), "the worker was not selected");
        Assert.DoesNotContain($"{Registry}/{Worker}", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_rerun_completes_a_set_that_a_failure_left_half_pushed_and_the_pushed_image_is_already_published()
    {
        using var repository = _release.CreateRepository();
        var (api, worker) = (_release.ScannedImage(repository, Api, passed: true), _release.ScannedImage(repository, Worker, passed: true));
        // The first run stopped after the API's push (here: it pushed the API alone); the worker is not in the registry.
        var first = EngineRuns.Run<PushBuild>(repository.Path, "Push", "--skip", "DockerBuild", "TrivyScan", "--registry", Registry, "--images", Api);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Null(_registry.GetDigestAsync(ImageRepository.Combine(Registry, Worker), "2.0.0", null).GetAwaiter().GetResult());

        var rerun = EngineRuns.Run<PushBuild>(repository.Path, "Push", "--skip", "DockerBuild", "TrivyScan", "--registry", Registry);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Contains($"{Api}: already published", rerun.Output, StringComparison.Ordinal);
        foreach (var (name, id) in new[] { (Api, api), (Worker, worker) })
            Assert.Equal(id, _registry.GetDigestAsync(ImageRepository.Combine(Registry, name), "2.0.0", null).GetAwaiter().GetResult());
        Assert.True(ImageRecord.Read(RecordFile(repository, Api))!.AlreadyPublished, "the API's record says the version already held it");
        Assert.NotEqual(true, ImageRecord.Read(RecordFile(repository, Worker))!.AlreadyPublished);
    }

    private static AbsolutePath RecordFile(TempGitRepository repository, string name) => TwoImageRelease.RecordFile(repository, name);
}
