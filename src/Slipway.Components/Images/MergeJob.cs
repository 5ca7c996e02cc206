namespace Slipway.Components.Images;

/// <summary>
/// The merge job of a split publish builds nothing: its image is the index of the platform jobs' images, scanned by them
/// and already in the registry. The targets that build, scan or tag a local image (DockerBuild, TrivyScan, Sbom,
/// CommittedSource, Tag) are skipped when the run invoked <see cref="Target"/> (a static condition, so <c>--plan</c> and
/// the summary show it), and Push and Sign reach the index through the plan.
/// </summary>
internal static class MergeJob
{
    /// <summary>The merge job's target (IPublishPlatforms.PublishIndex).</summary>
    public const string Target = "PublishIndex";
}
