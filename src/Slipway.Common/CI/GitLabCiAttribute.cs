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

    /// <summary>
    /// Splits the publish into one job per image of the repository, by image name, e.g.
    /// <c>["contoso-api", "contoso-worker"]</c>: a <c>parallel:matrix</c> job (<c>&lt;JobName&gt;-image</c>, stage
    /// <c>images</c>) runs <c>./build.sh PublishImage --images "$IMAGE"</c> for each image (pushed by digest, no tags) and
    /// keeps <c>artifacts/image-jobs/</c>, then <see cref="JobName"/> needs them all and runs <c>./build.sh PublishSet</c>
    /// with their artifacts, which tags and signs the release set once every image passed. A name is lower-case letters,
    /// digits, <c>.</c>, <c>_</c> and <c>-</c>. Empty (the default): one job publishes every image. A pipeline is split by
    /// <see cref="PlatformRunnerTags"/> or by image, not both.
    /// </summary>
    public string[] ImageJobs { get; set; } = [];

    /// <summary>Job variables as <c>NAME=value</c>.</summary>
    public string[] Variables { get; set; } = [];

    /// <summary>Commands run before the build.</summary>
    public string[] BeforeScript { get; set; } = [];

    /// <summary>The GitLab container-scanning report the build writes.</summary>
    public string? ContainerScanningReport { get; set; }

    /// <summary>Paths kept as job artifacts, even when the job failed.</summary>
    public string[] ArtifactPaths { get; set; } = [];

    /// <summary>
    /// The docker client and buildx come from the first of <see cref="Services"/>, a <c>docker:dind</c> image pinned by
    /// digest, which carries both: the service's entrypoint copies them into <c>/certs/client/bin</c> (the volume the
    /// runner shares between the job and the service for dind's TLS certificates) before it starts the daemon, and the
    /// job puts that folder first on <c>PATH</c>. Nothing is downloaded or installed per job, and the client's version is
    /// the daemon's.
    /// </summary>
    public bool DockerClientFromService { get; set; }

    /// <summary>
    /// Jobs are <c>interruptible</c> (on by default): a newer pipeline of the same ref cancels them, except in a tag
    /// pipeline, where a rule sets <c>interruptible: false</c> so a release always runs to its end.
    /// </summary>
    public bool Interruptible { get; set; } = true;

    /// <summary>The jobs' <c>timeout</c>, e.g. <c>45 minutes</c>; null keeps the project's default (one hour).</summary>
    public string? Timeout { get; set; }

    /// <summary>
    /// The tags that run a pipeline, as a GitLab regular expression for <c>$CI_COMMIT_TAG =~</c> (default <c>/^v/</c>:
    /// release tags <c>v1.2.3</c>); a push of any other tag starts no pipeline. Written in the <c>workflow:rules</c> of
    /// <see cref="AvoidDuplicatePipelines"/>.
    /// </summary>
    public string ReleaseTags { get; set; } = "/^v/";

    /// <summary>
    /// The jobs' <c>id_tokens</c> as <c>NAME=audience</c>, e.g. <c>SIGSTORE_ID_TOKEN=sigstore</c>: GitLab's OIDC token for
    /// that audience in the variable NAME. cosign signs keyless with <c>SIGSTORE_ID_TOKEN</c> when it is set.
    /// </summary>
    public string[] IdTokens { get; set; } = [];

    /// <summary>
    /// Where NuGet keeps packages, relative to the project directory (e.g. <c>.nuget/packages</c>): the jobs set
    /// <c>NUGET_PACKAGES</c> to <c>$CI_PROJECT_DIR/&lt;path&gt;</c> and cache the folder, keyed by
    /// <see cref="NuGetCacheKeyFiles"/>. Null: no NuGet cache.
    /// </summary>
    public string? NuGetPackages { get; set; }

    /// <summary>The files that pin the packages, the key of the NuGet cache (GitLab takes at most two).</summary>
    public string[] NuGetCacheKeyFiles { get; set; } = ["Directory.Packages.props", "global.json"];

    /// <summary>
    /// The Trivy cache directory of the build, relative to the project directory (e.g. <c>.nuke/temp/trivy-cache</c>),
    /// cached between jobs. GitLab computes cache keys before a job runs and has no date variable, so the key is fixed
    /// and the cache is uploaded after each job: Trivy downloads its database only when the cached one is past its
    /// next-update time (about daily), and the cache then holds the new one. Null: no Trivy cache.
    /// </summary>
    public string? TrivyCache { get; set; }

    /// <summary>
    /// Installs cosign before the build: the release's <c>cosign-linux-amd64</c> from GitHub, checked against
    /// <see cref="CosignSha256"/>, kept in the cache (<c>.nuke/temp/ci-tools/cosign-&lt;release&gt;</c>) so later jobs
    /// only re-check it. Null: no cosign.
    /// </summary>
    public string? CosignRelease { get; set; }

    /// <summary>The SHA-256 of <see cref="CosignRelease"/>'s <c>cosign-linux-amd64</c>, as its release's checksums file lists it.</summary>
    public string? CosignSha256 { get; set; }

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
