using Slipway.Components.Destination;
using Serilog;
using Slipway.Components.Images;
using Slipway.Components.Scanning;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Registry;

/// <summary>
/// The tags of the image, from its version: <c>X.Y.Z</c>, <c>X.Y</c>, <c>X</c> and <c>sha-&lt;commit&gt;</c> for a release, the
/// full SemVer and <c>sha-&lt;commit&gt;</c> for a pre-release. Never <c>latest</c>. The Tag target applies them to the scanned image id.
/// The image is built with the same version (<see cref="IDockerBuild.ImageVersionAsync"/>).
/// </summary>
public interface ITag : IVersioning, IDockerBuild, ITrivyScan
{
    /// <summary>The image is labelled and recorded with the GitVersion SemVer its tags come from.</summary>
    Task<string?> IDockerBuild.ImageVersionAsync => SemVerOf(VersionAsync);

    /// <summary>Tag and push an image that was not scanned or failed its scan; logged as a warning and shown in the summary.</summary>
    [Parameter("Tag and push an image that was not scanned or failed its scan (a loud, recorded waiver)")]
    bool AllowUnscanned => TryGetValue(() => AllowUnscanned);

    /// <summary>
    /// Publish an image built from uncommitted changes, under <c>sha-&lt;commit&gt;-dirty</c> only (never a version or
    /// floating tag). Without it, a build context that differs from HEAD is refused before anything is built.
    /// </summary>
    [Parameter("Publish a build context with uncommitted changes, only as sha-<commit>-dirty (never a version tag)")]
    bool AllowDirty => TryGetValue(() => AllowDirty);

    /// <summary>A hook to change the tag set (add or remove tags). Whatever it returns passes the final check before anything is pushed.</summary>
    IReadOnlyList<ImageTag> ConfigureTags(IReadOnlyList<ImageTag> tags) => tags;

    /// <summary>
    /// The tag set of this run, computed once: the version's tags (or <c>sha-&lt;commit&gt;-dirty</c> alone for uncommitted
    /// changes with <see cref="AllowDirty"/>) after <see cref="ConfigureTags"/> and the final check.
    /// </summary>
    Task<IReadOnlyList<ImageTag>> TagsAsync => TagCache.Tags.Get(this, () => ComputeTagsAsync(this));

    private static async Task<IReadOnlyList<ImageTag>> ComputeTagsAsync(ITag build)
    {
        var (version, uncommitted) = (await build.VersionAsync, await build.UncommittedFilesAsync);
        return TagSet.Validate(build.ConfigureTags(uncommitted.Count > 0 ? TagSet.ForDirty(version) : TagSet.For(version)));
    }

    private static async Task<string?> SemVerOf(Task<BuildVersion> version) => (await version).SemVer;

    /// <summary>
    /// Refuses, before the image is built, a build context with uncommitted changes: its image would carry the commit's
    /// version and <c>sha-</c> tags without holding the commit. <c>--allow-dirty</c> lets it through under a <c>-dirty</c> tag.
    /// </summary>
    Target CommittedSource => _ => _
        .Unlisted()
        .Description("Checks that the build context is the committed source before version tags are built")
        .Before<IDockerBuild>(x => x.DockerBuild)
        .Prepares(() => Task.WhenAll(UncommittedFilesAsync, VersionAsync))
        .Executes(async () =>
        {
            var (version, changes) = (await VersionAsync, new SourceChanges(await UncommittedFilesAsync));
            if (!changes.IsDirty)
            {
                Log.Information("The build context is the committed source of {Commit}", version.ShortSha ?? version.Sha);
                return;
            }
            if (!AllowDirty)
            {
                throw new BuildFailedException(
                    $"The build context has {changes.Files.Count} uncommitted file(s): {changes.Describe()}. An image of them would be tagged " +
                    $"{string.Join(", ", TagSet.For(version))} without holding that commit, so nothing was built or pushed. " +
                    "Commit (or stash) the changes, add the files to .dockerignore if the image does not need them, " +
                    "or pass --allow-dirty to publish only as sha-<commit>-dirty.");
            }
            var tags = await TagsAsync;
            Log.Warning("--allow-dirty: {Count} uncommitted file(s) ({Files}); the image is tagged {Tags} only", changes.Files.Count, changes.Describe(), string.Join(", ", tags));
            ReportSummary($"uncommitted changes: tagged {string.Join(", ", tags)} only");
        });

    /// <summary>Applies the tags to the scanned image id in the local Docker store (<c>docker tag &lt;imageId&gt; &lt;repo&gt;:&lt;tag&gt;</c>).</summary>
    Target Tag => _ => _
        .Description("Tags the scanned image with its version tags (never 'latest')")
        .DependsOn<ITrivyScan>(x => x.TrivyScan)
        .DependsOn<ITag>(x => x.CommittedSource)
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile)
                ?? throw new BuildFailedException($"{ImageRecordFile} does not exist, so there is no image to tag. Run DockerBuild and TrivyScan first.");
            var waiver = ScanGate.Admit(record, AllowUnscanned);
            if (this is IPush { PushesImage: false })
            {
                Log.Information("Not tagged: a pull or merge request pipeline pushes nothing");
                return;
            }
            if (ContainerSession.Destination(this) is not { } destination)
            {
                Log.Information("No registry to tag for (--registry, or the CI's own): the image stays {Reference}", record.LocalReference);
                return;
            }
            var repository = destination.Repository;
            var tags = await TagsAsync;
            var docker = new DockerPushCommands(await ContainerSession.DockerAsync(this));
            await docker.CheckRevisionAsync(record.ImageId, ImageRevision.Of((await VersionAsync).Sha, (await UncommittedFilesAsync).Count > 0), BuildCancellation.Token);
            foreach (var tag in tags) await docker.TagAsync(record.ImageId, $"{repository}:{tag}", BuildCancellation.Token);
            (ImageRecord.Read(ImageRecordFile)! with
            {
                Admission = new TagAdmission { ImageId = record.ImageId, Tags = [.. tags.Select(t => t.Value)], Waiver = waiver },
            }).Write(ImageRecordFile);
            Log.Information("Tagged {ImageId} as {Repository}:{{{Tags}}}", record.ImageId, repository, string.Join(",", tags));
            ReportSummary(string.Join(", ", tags));
            if (waiver is not null) ReportSummary(waiver);
        });
}

/// <summary>The key of the run's tag set.</summary>
internal static class TagCache
{
    public static PerBuild<Task<IReadOnlyList<ImageTag>>> Tags { get; } = new();
}
