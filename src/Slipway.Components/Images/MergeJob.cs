namespace Slipway.Components.Images;

/// <summary>
/// The final job of a split publish builds nothing: its images are already in the registry by digest, built and scanned
/// by the jobs before it (<see cref="IndexTarget"/>: the index of the platform jobs' images; <see cref="SetTarget"/>: the
/// images of the image jobs). The targets that build, scan or tag a local image (DockerBuild, TrivyScan, Sbom,
/// CommittedSource, Tag) are skipped when the run invoked either (a static condition, so <c>--plan</c> and the summary
/// show it, naming both), and Push and Sign reach the registry's images through the plan.
/// </summary>
internal static class MergeJob
{
    /// <summary>The platform split's final job (IPublishPlatforms.PublishIndex).</summary>
    public const string IndexTarget = "PublishIndex";

    /// <summary>The image split's final job (IPublishImageJobs.PublishSet).</summary>
    public const string SetTarget = "PublishSet";
}
