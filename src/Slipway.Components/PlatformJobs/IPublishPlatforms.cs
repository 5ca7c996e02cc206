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
/// <see cref="PublishIndex"/> job merges the platform images into one OCI image index, checks every platform's scan and
/// commit, applies the version tags to the index and signs it. The index is the one a one-job <c>Publish</c> of both
/// platforms pushes, byte for byte. The platform jobs hand over <c>artifacts/platforms/&lt;os-arch&gt;/</c>.
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
        .Validates(() => PushRepository)
        .Executes(() => PlatformJob.PushAsync(this));

    /// <summary>Merges the platform jobs' images into one index, checks their scans and commit, tags it and signs it.</summary>
    Target PublishIndex => _ => _
        .Description("The merge job of a split publish: one image index of the platform jobs' scanned images, tagged with the version and signed")
        .DependsOn<ISign>(x => x.SigningKey)
        .Validates(() => PushRepository)
        .Executes(() => PlatformJob.MergeAsync(this));
}
