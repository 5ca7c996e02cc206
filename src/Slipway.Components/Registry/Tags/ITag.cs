using Slipway.Components.Catalog;
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

    /// <summary>
    /// Push the prerelease tag of a pull (merge) request from a branch of this repository; a fork's request fails. Without
    /// it a request's pipeline tags and pushes nothing: Tag and Push follow one <c>PushPolicy</c>.
    /// </summary>
    [Parameter("Push the prerelease tag of a pull/merge request from a branch of this repository (never a fork's)")]
    bool PushPullRequests => TryGetValue(() => PushPullRequests);

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

    /// <summary>The tag set of the one <see cref="IContainerImage.SelectedImage"/> (<see cref="TagsOf"/>), for the targets that work on one image.</summary>
    Task<IReadOnlyList<ImageTag>> TagsAsync => TagsOf(SelectedImage);

    /// <summary>
    /// The tag set of <paramref name="image"/> in this run, computed once per image: the version's tags (or
    /// <c>sha-&lt;commit&gt;-dirty</c> alone when its build context has uncommitted changes, with <see cref="AllowDirty"/>)
    /// after <see cref="ConfigureTags"/> and the final check. Every image of a commit shares the version.
    /// </summary>
    Task<IReadOnlyList<ImageTag>> TagsOf(ContainerImage image) => TagCache.Tags.Get(this, image.Name, () => ComputeTagsAsync(this, image));

    private static async Task<IReadOnlyList<ImageTag>> ComputeTagsAsync(ITag build, ContainerImage image)
    {
        var (version, uncommitted) = (await build.VersionAsync, await build.UncommittedFilesOf(image));
        return TagSet.Validate(build.ConfigureTags(uncommitted.Count > 0 ? TagSet.ForDirty(version) : TagSet.For(version)));
    }

    private static async Task<string?> SemVerOf(Task<BuildVersion> version) => (await version).SemVer;

    /// <summary>
    /// Refuses, before any image is built, a build context with uncommitted changes: its image would carry the commit's
    /// version and <c>sha-</c> tags without holding the commit. <c>--allow-dirty</c> lets it through under a <c>-dirty</c> tag.
    /// </summary>
    Target CommittedSource => _ => _
        .Unlisted()
        .Description("Checks that the build context is the committed source before version tags are built")
        .Before<IDockerBuild>(x => x.DockerBuild)
        .OnlyWhenStatic(() => !Invocation.Targets.Contains(MergeJob.IndexTarget) && !Invocation.Targets.Contains(MergeJob.SetTarget))
        .Validates(() => ImagesToPublish)
        .Prepares(() => Task.WhenAll([VersionAsync, .. ImagesToPublish.Select(UncommittedFilesOf)]))
        .Executes(async () =>
        {
            var version = await VersionAsync;
            var dirty = new List<(ContainerImage Image, SourceChanges Changes)>();
            foreach (var image in ImagesToPublish)
            {
                var changes = new SourceChanges(await UncommittedFilesOf(image));
                if (changes.IsDirty) dirty.Add((image, changes));
            }
            if (dirty.Count == 0)
            {
                Log.Information("The build context is the committed source of {Commit}", version.ShortSha ?? version.Sha);
                return;
            }
            if (!AllowDirty)
            {
                // One image keeps its one-image wording; several name each image's files.
                var what = ContainerImages.Count > 1
                    ? "Build contexts have uncommitted files (" + string.Join("; ", dirty.Select(d => $"{d.Image.Name}: {d.Changes.Files.Count} uncommitted file(s): {d.Changes.Describe()}")) + ")."
                    : $"The build context has {dirty[0].Changes.Files.Count} uncommitted file(s): {dirty[0].Changes.Describe()}.";
                throw new BuildFailedException(
                    $"{what} An image of them would be tagged " +
                    $"{string.Join(", ", TagSet.For(version))} without holding that commit, so nothing was built or pushed. " +
                    "Commit (or stash) the changes, add the files to .dockerignore if the image does not need them, " +
                    "or pass --allow-dirty to publish only as sha-<commit>-dirty.");
            }
            foreach (var (image, changes) in dirty)
            {
                var tags = await TagsOf(image);
                Log.Warning("--allow-dirty: {Image} has {Count} uncommitted file(s) ({Files}); it is tagged {Tags} only", image.Name, changes.Files.Count, changes.Describe(), string.Join(", ", tags));
                ReportSummary(image, $"uncommitted changes: tagged {string.Join(", ", tags)} only");
            }
        });

    /// <summary>
    /// Admits every selected image through the scan gate, then applies each image's tags to its scanned image id in the
    /// local Docker store (<c>docker tag &lt;imageId&gt; &lt;repo&gt;:&lt;tag&gt;</c>). The images of a commit are one release:
    /// when one is refused, nothing of any image is tagged.
    /// </summary>
    Target Tag => _ => _
        .Description("Tags the scanned images with their version tags (never 'latest'), none unless every image passed its gate")
        .DependsOn<ITrivyScan>(x => x.TrivyScan)
        .DependsOn<ITag>(x => x.CommittedSource)
        .OnlyWhenStatic(() => !Invocation.Targets.Contains(MergeJob.IndexTarget) && !Invocation.Targets.Contains(MergeJob.SetTarget))
        .Validates(() => ImagesToPublish)
        .Executes(async () =>
        {
            var admitted = ReleaseSet.Admit(ImagesToPublish, AllowUnscanned, ContainerImages.Count);
            if (!PushPolicies.Of(this).Push)
            {
                Log.Information("Not tagged: a pull or merge request pipeline pushes nothing");
                return;
            }
            foreach (var (image, record, waiver) in admitted) await TagImageAsync(image, record, waiver);
        });

    /// <summary>Tags <paramref name="image"/>'s admitted record under its destination repository and records the admission.</summary>
    private async Task TagImageAsync(ContainerImage image, ImageRecord record, string? waiver)
    {
        if (ContainerSession.Destination(this, image) is not { } destination)
        {
            Log.Information("No registry to tag for (--registry, or the CI's own): the image stays {Reference}", record.LocalReference);
            return;
        }
        var repository = destination.Repository;
        var tags = await TagsOf(image);
        var docker = new DockerImageCommands(await ContainerSession.DockerAsync(this));
        await docker.CheckRevisionAsync(record.ImageId, ImageRevision.Of((await VersionAsync).Sha, (await UncommittedFilesOf(image)).Count > 0), BuildCancellation.Token);
        foreach (var tag in tags) await docker.TagAsync(record.ImageId, $"{repository}:{tag}", BuildCancellation.Token);
        (ImageRecord.Read(image.RecordFile) ?? record).Admitted([.. tags.Select(t => t.Value)], waiver).Write(image.RecordFile);
        Log.Information("Tagged {ImageId} as {Repository}:{{{Tags}}}", record.ImageId, repository, string.Join(",", tags));
        ReportSummary(image, string.Join(", ", tags));
        if (waiver is not null) ReportSummary(image, waiver);
    }
}

/// <summary>The key of the run's tag set.</summary>
internal static class TagCache
{
    public static PerBuild<Task<IReadOnlyList<ImageTag>>> Tags { get; } = new();
}
