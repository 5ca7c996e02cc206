using Slipway.Components.Registry;
using Slipway.Components.Scanning;
using Slipway.Components.Signing;
using Slipway.IO;

namespace Slipway.Components.ImageJobs;

/// <summary>
/// Publish split into one CI job per image: each <see cref="PublishImage"/> job (<c>--images contoso-api</c>) tests,
/// lints, builds, scans and writes the SBOM of its image, and pushes it to its repository by digest only; then one
/// <see cref="PublishSet"/> job checks every image job's record (<see cref="AdmitSet"/>: each image scanned and admitted
/// by its gate, built from this commit, in the registry as recorded, no selected image missing) and only then Push tags
/// each image with the version and Sign signs it, as targets of the plan. One release is the set: an image job that fails
/// leaves every image untagged. The image jobs hand over <c>artifacts/image-jobs/&lt;name&gt;/</c>.
/// </summary>
public interface IPublishImageJobs : IPublish
{
    /// <summary>
    /// The image records the final job reads: <c>image.json</c> files of <see cref="PublishImage"/> jobs. Default: every
    /// <c>artifacts/image-jobs/*/image.json</c> (where a CI job downloads the image jobs' artifacts).
    /// </summary>
    [Parameter("image.json files of the PublishImage jobs to release as one set (default: artifacts/image-jobs/*/image.json)")]
    string[] ImageJobRecords => TryGetValue(() => ImageJobRecords) ?? [];

    /// <summary><c>artifacts/image-jobs/</c>: an image job's hand-over to the final job, one folder per image.</summary>
    AbsolutePath ImageJobDirectory => ArtifactsDirectory / "image-jobs";

    /// <summary>Tests, lints, builds and scans one image and pushes it to its repository by digest only (no tag).</summary>
    Target PublishImage => _ => _
        .Description("One image's job of a split publish: test, lint, build, scan, and push the image by digest only (no tags)")
        .DependsOn<IPublish>(x => x.PublishPreflight)
        .DependsOn<IPublish>(x => x.PublishChecks)
        .DependsOn<ITrivyScan>(x => x.TrivyScan)
        .DependsOn<Sbom.ISbom>(x => x.Sbom)
        .Validates(() => SelectedImage)
        .Validates(() => PushRepository)
        .Executes(() => ImageJob.PushAsync(this));

    /// <summary>
    /// Checks the image jobs' records (every selected image present, its scan admitted, this commit, in the registry as
    /// recorded) and records each image as admitted under the version's tags, for Push to tag and Sign to sign. Any
    /// problem stops it before a record is written; the signing key is opened first.
    /// </summary>
    Target AdmitSet => _ => _
        .Unlisted()
        .Description("Checks that every image job pushed a scanned image of this commit, and admits the set for Push to tag")
        .DependsOn<ISign>(x => x.SigningKey)
        .Before<IPush>(x => x.Push)
        .Validates(() => ImagesToPublish)
        .Validates(() => PushRepository)
        .Executes(() => ImageJob.AdmitAsync(this));

    /// <summary>The final job: <see cref="AdmitSet"/>, then Push tags each image and Sign signs it.</summary>
    Target PublishSet => _ => _
        .Description("The final job of a split publish: every image job's scanned image, tagged with the version and signed, as one release")
        .DependsOn<IPublishImageJobs>(x => x.AdmitSet)
        .DependsOn<IPush>(x => x.Push)
        .DependsOn<ISign>(x => x.Sign);
}
