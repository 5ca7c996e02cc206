using System.Text.RegularExpressions;
using Slipway.Components.Images;
using Slipway.Components.PlatformJobs;
using Slipway.Components.Platforms;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Registry;
using Slipway.Components.Versioning;
using Slipway.IO;

namespace Slipway.Components.Tests.PlatformJobs;

/// <summary>
/// The merge job of a split publish, run by the real engine: PublishIndex reaches Push and Sign through the plan, so
/// <c>--skip Sign</c> and the summary see them, and it builds nothing.
/// </summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed partial class PublishIndexThroughEngineTests : IDisposable
{
    private readonly RegistryClient _registry = new(timeout: TimeSpan.FromSeconds(10));
    private readonly TemporaryDirectory _layout = new("slipway-merge-layout");

    /// <summary>A generated build's shape with the split publish.</summary>
    internal sealed class SplitBuild : SlipwayBuild, IPublishPlatforms;

    public void Dispose()
    {
        _registry.Dispose();
        _layout.Dispose();
    }

    [Fact]
    public void PublishIndex_merges_then_pushes_and_signs_in_the_plan_and_builds_nothing()
    {
        using var root = new TemporaryDirectory("slipway-merge-plan");

        var (exitCode, output) = EngineRuns.Run<SplitBuild>(root.Path, "PublishIndex", "--plan", "--registry", "localhost:5000/plan");

        Assert.True(exitCode == 0, output);
        var order = PlanLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.True(order.IndexOf("MergeIndex") < order.IndexOf("Push") && order.IndexOf("Push") < order.IndexOf("Sign"), output);
        foreach (var local in new[] { "DockerBuild", "TrivyScan", "Sbom", "CommittedSource", "Tag" })
            Assert.Matches(new Regex($@"\d+\. {local}\b.*skipped: condition false: .*PublishIndex"), output);
        Assert.DoesNotMatch(new Regex(@"\d+\. (MergeIndex|Push|Sign)\b.*skipped"), output);
    }

    [SkippableFact]
    public async Task Skip_Sign_on_PublishIndex_tags_the_merged_index_signs_nothing_and_the_summary_shows_it()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(EngineRuns.Environment())), "GitVersion.MsBuild 6.8.2 was not downloaded");
        using var repository = EngineRuns.ReleasedRepository("2.0.0");
        var commit = repository.Git("rev-parse", "HEAD");
        var image = "merge-" + Guid.NewGuid().ToString("N")[..10];
        var target = ImageRepository.Combine("localhost:5000/slipway-tests", image);
        var writer = new OciImageWriter(_layout.Path);
        writer.Export($"{image}:build-1", image);
        var layout = new OciLayout(_layout.Path);
        foreach (var platform in layout.ReadIndex().Platforms)
        {
            var digest = await new PlatformPusher(_registry, RetrySettings.Default).PushAsync(layout, platform, target, null, CancellationToken.None);
            PlatformRecord(platform, commit).Pushed(target.ToString(), digest, tags: null, alreadyPublished: false, "2.0.0", commit)
                .Write(AbsolutePath.Create(repository.Path) / "artifacts" / "platforms" / TargetPlatforms.Slug(platform.Platform) / "image.json");
        }

        var (exitCode, output) = EngineRuns.Run<SplitBuild>(repository.Path, "PublishIndex", "--skip", "Sign", "--registry", "localhost:5000/slipway-tests", "--image", image);

        Assert.True(exitCode == 0, output);
        var record = ImageRecord.Read(AbsolutePath.Create(repository.Path) / "artifacts" / "image.json")!;
        var sha = repository.Git("rev-parse", "--short=7", "HEAD");
        Assert.Equal(["2.0.0", "2.0", "2", "sha-" + sha], record.Tags);
        Assert.Equal(record.ImageId, record.Digest);
        Assert.Null(record.LocalReference);
        Assert.Equal(record.Digest, await _registry.GetDigestAsync(target, "2.0.0", null));
        Assert.Null(await _registry.GetDigestAsync(target, CosignTags.Signature(record.Digest!), null));
        Assert.Matches(new Regex(@"^Sign\s+Skipped \(--skip Sign\)", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^Push\s+Succeeded", RegexOptions.Multiline), output);
        Assert.Matches(new Regex(@"^DockerBuild\s+Skipped \(condition false", RegexOptions.Multiline), output);
        Assert.DoesNotContain("> cosign", output, StringComparison.Ordinal);
    }

    // What PublishPlatform records before its push: the platform's image, built from the commit and scanned.
    private static ImageRecord PlatformRecord(PlatformImage platform, string commit) => new()
    {
        ImageId = platform.Digest,
        ConfigDigest = platform.ConfigDigest,
        Platforms = [platform],
        LocalReference = "merge:build-" + platform.Platform.Replace('/', '-'),
        Image = "merge",
        Version = "2.0.0",
        Commit = commit,
        Revision = commit,
        Scan = new ScanRecord { ImageId = platform.Digest, Passed = true, Threshold = "HIGH", Platforms = [platform.Digest] },
    };

    [GeneratedRegex(@"^\s+\d+\. (\w+)", RegexOptions.Multiline)]
    private static partial Regex PlanLine();
}
