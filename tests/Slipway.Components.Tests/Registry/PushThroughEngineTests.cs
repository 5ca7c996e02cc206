using Slipway.Components.References;
using System.Text.RegularExpressions;
using Slipway.Components.Images;
using Slipway.Components.Registry;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Versioning;
using Slipway.Components.Versioning;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Components.Tests.Registry;

/// <summary>Tag and Push run by the real engine on a real git repository, pushing to the local registry.</summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed partial class PushThroughEngineTests : IDisposable
{
    private readonly List<string> _images = [];
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        _registry.Dispose();
        foreach (var image in _images) LocalDocker.RemoveImage(image);
    }

    /// <summary>A build with the push chain; DockerBuild and TrivyScan are skipped, their record is written by the test.</summary>
    internal sealed class PushBuild : SlipwayBuild, IPush;

    /// <summary>A build whose tag hook adds a tag the version set already has.</summary>
    internal sealed class DuplicateTagBuild : SlipwayBuild, IPush
    {
        IReadOnlyList<ImageTag> ITag.ConfigureTags(IReadOnlyList<ImageTag> tags) => [.. tags, new ImageTag("1.0.0")];
    }

    /// <summary>A generated build's shape: everything, with Publish as the default.</summary>
    internal sealed class PublishBuild : SlipwayBuild, IPublish;

    [SkippableFact]
    public void Push_tags_and_pushes_the_scanned_image_and_records_its_reference()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(EngineRuns.Environment())), "GitVersion.MsBuild 6.8.2 was not downloaded");
        using var repository = EngineRuns.ReleasedRepository("3.1.4");
        var imageId = LocalDocker.BuildUniqueImage(repository.Git("rev-parse", "HEAD"));
        _images.Add(imageId);
        var recordFile = AbsolutePath.Create(Path.Combine(repository.Path, "artifacts", "image.json"));
        new ImageRecord
        {
            ImageId = imageId, LocalReference = "e2e:build", Image = "e2e",
            Scan = new ScanRecord { ImageId = imageId, Passed = true, Threshold = "HIGH" },
        }.Write(recordFile);
        var image = "e2e-" + Guid.NewGuid().ToString("N")[..10];

        var (exitCode, output) = EngineRuns.Run<PushBuild>(repository.Path,
            "Push", "--skip", "DockerBuild", "TrivyScan", "--registry", "localhost:5000/slipway-tests", "--image", image);

        Assert.True(exitCode == 0, output);
        var sha = repository.Git("rev-parse", "--short=7", "HEAD");
        var record = ImageRecord.Read(recordFile)!;
        Assert.Equal(["3.1.4", "3.1", "3", "sha-" + sha], record.Tags);
        Assert.Equal($"localhost:5000/slipway-tests/{image}@{imageId}", record.Reference);
        Assert.Equal(repository.Git("rev-parse", "HEAD"), record.Commit);
        Assert.Equal(imageId, record.Scan!.ImageId);
        var repo = ImageRepository.Combine("localhost:5000/slipway-tests", image);
        Assert.Equal(imageId, _registry.GetDigestAsync(repo, "3.1", null).GetAwaiter().GetResult());
        Assert.Contains($"3.1.4, 3.1, 3, sha-{sha}", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Push_without_a_registry_names_the_parameter_and_its_variable()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(EngineRuns.Environment())), "GitVersion.MsBuild 6.8.2 was not downloaded");
        using var repository = EngineRuns.ReleasedRepository("1.0.0");
        new ImageRecord
        {
            ImageId = "sha256:" + new string('1', 64), LocalReference = "e2e:build", Image = "e2e",
            Scan = new ScanRecord { ImageId = "sha256:" + new string('1', 64), Passed = true, Threshold = "HIGH" },
        }.Write(AbsolutePath.Create(Path.Combine(repository.Path, "artifacts", "image.json")));

        var (exitCode, output) = EngineRuns.Run<PushBuild>(repository.Path, "Push", "--skip", "DockerBuild", "TrivyScan");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--registry", output, StringComparison.Ordinal);
        Assert.Contains("REGISTRY", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Tags_added_by_a_hook_pass_the_final_check_before_anything_is_tagged()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(EngineRuns.Environment())), "GitVersion.MsBuild 6.8.2 was not downloaded");
        using var repository = EngineRuns.ReleasedRepository("1.0.0");
        var imageId = "sha256:" + new string('2', 64);
        new ImageRecord
        {
            ImageId = imageId, LocalReference = "e2e:build", Image = "e2e",
            Scan = new ScanRecord { ImageId = imageId, Passed = true, Threshold = "HIGH" },
        }.Write(AbsolutePath.Create(Path.Combine(repository.Path, "artifacts", "image.json")));

        var (exitCode, output) = EngineRuns.Run<DuplicateTagBuild>(repository.Path,
            "Push", "--skip", "DockerBuild", "TrivyScan", "--registry", "localhost:5000/slipway-tests", "--image", "never-pushed");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("The tag list is refused, nothing was pushed: duplicate tags: 1.0.0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("> docker", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_is_the_whole_chain_in_order()
    {
        var root = Directory.CreateTempSubdirectory("slipway-plan-").FullName;
        try
        {
            var (exitCode, output) = EngineRuns.Run<PublishBuild>(root, "Publish", "--plan", "--registry", "localhost:5000/plan");

            Assert.True(exitCode == 0, output);
            var order = PlanLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(["DockerLint", "SigningKey", "CommittedSource", "PublishPreflight", "Restore", "Compile", "Test", "PublishChecks", "DockerBuild", "TrivyScan", "Tag", "Push", "Sbom", "Sign", "Publish"], order);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex(@"^\s+\d+\. (\w+)", RegexOptions.Multiline)]
    private static partial Regex PlanLine();
}
