using Serilog;
using Slipway.Components.Destination;
using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.Registry;
using Slipway.Components.Scanning;
using Slipway.Components.Signing;
using Slipway.IO;

namespace Slipway.Components.PlatformJobs;

/// <summary>
/// Publish split across native CI runners: one <see cref="PublishPlatform"/> job per platform (<c>--platforms
/// linux/arm64</c> on an arm64 runner) tests, builds, scans and pushes its platform's image by digest only; then one
/// <see cref="PublishIndex"/> job merges the platform images into one OCI image index (<see cref="MergeIndex"/>: every
/// platform's scan and commit checked), then Push applies the version tags to the index and Sign signs it, as targets of
/// the plan (<c>--skip Sign</c> and the summary see them); the merge job builds nothing, so DockerBuild, TrivyScan, Sbom,
/// Tag and CommittedSource are skipped there. The index is the one a one-job <c>Publish</c> of both platforms pushes,
/// byte for byte. The platform jobs hand over <c>artifacts/platforms/&lt;os-arch&gt;/</c>.
/// </summary>
public interface IPublishPlatforms : IPublish
{
    /// <summary>
    /// The platform records the merge reads: <c>image.json</c> files of <see cref="PublishPlatform"/> jobs. Default: every
    /// <c>artifacts/platforms/*/image.json</c> (where a CI job downloads the platform jobs' artifacts).
    /// </summary>
    [Parameter("image.json files of the PublishPlatform jobs to merge (default: artifacts/platforms/*/image.json)")]
    string[] PlatformRecords => TryGetValue(() => PlatformRecords) ?? [];

    /// <summary><c>artifacts/platforms/</c>: a platform job's hand-over to the merge job, one folder per platform.</summary>
    AbsolutePath PlatformRecordDirectory => ArtifactsDirectory / "platforms";

    /// <summary>The one platform of a platform job, checked before the first target runs.</summary>
    string JobPlatform => ImagePlatforms.Values is [var only] ? only : throw new BuildFailedException(
        $"PublishPlatform builds one platform per job, and --platforms is {(ImagePlatforms.Values.Count == 0 ? "not given" : string.Join(",", ImagePlatforms.Values))}. " +
        "Pass one, e.g. --platforms linux/arm64 on an arm64 runner; the merge job (PublishIndex) makes the index of all of them.");

    /// <summary>Tests, lints, builds and scans one platform's image and pushes it by digest only (no tag).</summary>
    Target PublishPlatform => _ => _
        .Description("One platform's job of a split publish: test, lint, build, scan, and push the image by digest only (no tags)")
        .DependsOn<IPublish>(x => x.PublishPreflight)
        .DependsOn<IPublish>(x => x.PublishChecks)
        .DependsOn<ITrivyScan>(x => x.TrivyScan)
        .DependsOn<Sbom.ISbom>(x => x.Sbom)
        .Validates(() => JobPlatform)
        .Validates(() => SelectedImage)
        .Validates(() => PushRepository)
        .Executes(() => PlatformJob.PushAsync(this));

    /// <summary>
    /// Checks the platform jobs' records (scans, commit, the images in the registry), puts their index in the registry by
    /// digest and records it in <c>artifacts/image.json</c>, admitted under the version's tags for Push. The signing key is
    /// opened first, so a wrong password stops the merge before anything is written.
    /// </summary>
    Target MergeIndex => _ => _
        .Unlisted()
        .Description("Merges the platform jobs' scanned images into one image index in the registry, recorded for Push to tag")
        .DependsOn<ISign>(x => x.SigningKey)
        .Before<IPush>(x => x.Push)
        .Validates(() => SelectedImage)
        .Validates(() => PushRepository)
        .Executes(() => PlatformJob.MergeAsync(this));

    /// <summary>The merge job: <see cref="MergeIndex"/>, then Push tags the index and Sign signs it.</summary>
    Target PublishIndex => _ => _
        .Description("The merge job of a split publish: one image index of the platform jobs' scanned images, tagged with the version and signed")
        .DependsOn<IPublishPlatforms>(x => x.MergeIndex)
        .DependsOn<IPush>(x => x.Push)
        .DependsOn<ISign>(x => x.Sign);
}
