namespace Slipway.CI;

/// <summary>
/// Declares the GitLab CI pipeline, <c>.gitlab-ci.yml</c>, with one job that runs the build. The engine writes the
/// file on local runs and fails a CI run whose committed file is stale, showing the diff.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GitLabCiAttribute : Attribute
{
    /// <summary>The job name.</summary>
    public string JobName { get; set; } = "publish";

    /// <summary>Targets the job runs: <c>./build.sh Publish</c>.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>The job's image, pinned by digest.</summary>
    public string? Image { get; set; }

    /// <summary>Service images (e.g. Docker-in-Docker), pinned by digest.</summary>
    public string[] Services { get; set; } = [];

    /// <summary>
    /// Targets of a second job that runs only in scheduled pipelines, e.g. <c>["Rescan"]</c> for a daily re-scan of the
    /// published image: the job is named after them in kebab case (<c>rescan</c>), runs <c>./build.sh Rescan</c> with the
    /// same image, services, variables, before_script and artifacts, and <see cref="JobName"/> then stays out of scheduled
    /// pipelines. The schedule itself is created in the project's CI/CD settings (Build &gt; Pipeline schedules).
    /// </summary>
    public string[] ScheduledTargets { get; set; } = [];

    /// <summary>
    /// Splits the build across runners of each platform, as <c>platform=runner tag</c>, e.g.
    /// <c>["linux/amd64=saas-linux-small-amd64", "linux/arm64=saas-linux-small-arm64"]</c>: a <c>parallel:matrix</c> job
    /// (<c>&lt;JobName&gt;-platform</c>, stage <c>platforms</c>) runs <c>./build.sh PublishPlatform --platforms $PLATFORM</c> on a
    /// runner with that tag, then <see cref="JobName"/> needs them all and runs <c>./build.sh PublishIndex</c> with their
    /// artifacts. Empty (the default): one job runs <see cref="InvokedTargets"/>.
    /// </summary>
    public string[] PlatformRunnerTags { get; set; } = [];

    /// <summary>Job variables as <c>NAME=value</c>.</summary>
    public string[] Variables { get; set; } = [];

    /// <summary>Commands run before the build.</summary>
    public string[] BeforeScript { get; set; } = [];

    /// <summary>The GitLab container-scanning report the build writes.</summary>
    public string? ContainerScanningReport { get; set; }

    /// <summary>Paths kept as job artifacts, even when the job failed.</summary>
    public string[] ArtifactPaths { get; set; } = [];

    /// <summary>
    /// Writes GitLab's <c>workflow:rules</c> that switch between branch and merge request pipelines (on by default): a
    /// merge request pipeline for a merge request (<c>$CI_PIPELINE_SOURCE == "merge_request_event"</c>), no branch
    /// pipeline while the branch has an open merge request (<c>$CI_COMMIT_BRANCH &amp;&amp; $CI_OPEN_MERGE_REQUESTS</c>,
    /// <c>when: never</c>), a branch pipeline otherwise (<c>$CI_COMMIT_BRANCH</c>) and a tag pipeline for a tag
    /// (<c>$CI_COMMIT_TAG</c>). A push to a branch with an open merge request so runs one pipeline, not two, and the job
    /// also runs in merge request pipelines. With <see cref="ScheduledTargets"/> a first rule,
    /// <c>$CI_PIPELINE_SOURCE == "schedule"</c>, lets every scheduled pipeline through, even on a branch with an open
    /// merge request. Set to <see langword="false"/> to write no <c>workflow:</c> block: GitLab then runs branch and tag
    /// pipelines only.
    /// </summary>
    public bool AvoidDuplicatePipelines { get; set; } = true;
}
