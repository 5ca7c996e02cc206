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
    private readonly List<string> _images = [];
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        _registry.Dispose();
        foreach (var image in _images) LocalDocker.RemoveImage(image);
    }

    /// <summary>A build with the push chain; DockerBuild and TrivyScan are skipped, their records are written by the test.</summary>
    internal sealed class PushBuild : SlipwayBuild, IPush;

    private string Api => "api-" + _suffix;

    private string Worker => "worker-" + _suffix;

    [SkippableFact]
    public void Push_pushes_each_image_under_its_own_repository_and_records_it_in_its_own_record()
    {
        using var repository = TwoImageRepository();
        var (api, worker) = (ScannedImage(repository, Api, passed: true), ScannedImage(repository, Worker, passed: true));

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
        using var repository = TwoImageRepository();
        var (api, worker) = (ScannedImage(repository, Api, passed: true), ScannedImage(repository, Worker, passed: false));

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
        using var repository = TwoImageRepository();
        var api = ScannedImage(repository, Api, passed: true);

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
        using var repository = TwoImageRepository();
        var (api, worker) = (ScannedImage(repository, Api, passed: true), ScannedImage(repository, Worker, passed: true));
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

    // A unique local image recorded as <name>'s build, its scan passed or failed.
    private string ScannedImage(TempGitRepository repository, string name, bool passed)
    {
        var imageId = LocalDocker.BuildUniqueImage(repository.Git("rev-parse", "HEAD"));
        _images.Add(imageId);
        new ImageRecord
        {
            ImageId = imageId, LocalReference = $"{name}:build", Image = name,
            Scan = new ScanRecord { ImageId = imageId, Passed = passed, Threshold = "HIGH", Blocking = passed ? 0 : 2 },
        }.Write(RecordFile(repository, name));
        return imageId;
    }

    private static AbsolutePath RecordFile(TempGitRepository repository, string name) =>
        AbsolutePath.Create(Path.Combine(repository.Path, "artifacts", "images", name, "image.json"));
}
