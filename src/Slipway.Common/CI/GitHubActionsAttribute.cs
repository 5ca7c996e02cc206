namespace Slipway.CI;

/// <summary>
/// Declares a GitHub Actions workflow, <c>.github/workflows/&lt;name&gt;.yml</c>, that runs the build. A local run writes
/// the file when it is missing; from then on it is the team's (bots move its pins, people add steps or settings), every
/// run checks it still runs the build as it needs, and <c>./build.sh --update-ci-files</c> re-renders it on request.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string name) : Attribute
{
    /// <summary>The workflow's file name (without <c>.yml</c>) and display name.</summary>
    public string Name { get; } = name;

    /// <summary>Targets the workflow runs: <c>./build.sh Publish</c>.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>
    /// Branches whose pushes run the workflow. Empty: no branch push runs it (with <see cref="OnPushTags"/> also empty,
    /// the workflow has no <c>push</c> trigger).
    /// </summary>
    public string[] OnPushBranches { get; set; } = ["main"];

    /// <summary>Tags whose pushes run the workflow. Empty: no tag push runs it.</summary>
    public string[] OnPushTags { get; set; } = ["v*"];

    /// <summary>Target branches of pull requests that run the workflow. Empty: no <c>pull_request</c> trigger.</summary>
    public string[] OnPullRequestBranches { get; set; } = ["main"];

    /// <summary>
    /// Cron expressions (five fields: minute hour day-of-month month day-of-week, in UTC) that run the workflow on a
    /// schedule, on the default branch: <c>on: schedule: - cron: '0 6 * * *'</c>. With the three trigger lists above
    /// empty the workflow is schedule-only (<c>workflow_dispatch</c> always stays).
    /// </summary>
    public string[] Schedule { get; set; } = [];

    /// <summary>The runner label.</summary>
    public string RunsOn { get; set; } = "ubuntu-24.04";

    /// <summary>Job permissions, e.g. <c>packages: write</c>.</summary>
    public string[] Permissions { get; set; } = ["contents: read"];

    /// <summary>Repository secrets passed to the build as environment variables of the same name.</summary>
    public string[] Secrets { get; set; } = [];

    /// <summary>Plain (non-secret) environment variables of the build step as <c>NAME=value</c>, e.g. <c>SLIPWAY_SIGN_KEYLESS=true</c>.</summary>
    public string[] Variables { get; set; } = [];

    /// <summary>Adds a Docker Buildx set-up step.</summary>
    public bool SetupBuildx { get; set; }

    /// <summary>
    /// Adds a step that installs cosign (<c>sigstore/cosign-installer</c>) before the build. Keyless signing also needs
    /// <c>id-token: write</c> in <see cref="Permissions"/>.
    /// </summary>
    public bool InstallCosign { get; set; }

    /// <summary>The cosign release <see cref="InstallCosign"/> installs (the installer's <c>cosign-release</c> input).</summary>
    public string CosignRelease { get; set; } = "v2.5.3";

    /// <summary>A SARIF file uploaded to code scanning after the build, even when it failed.</summary>
    public string? SarifFile { get; set; }

    /// <summary>Paths uploaded as the run's artifact after the build, even when it failed.</summary>
    public string[] ArtifactPaths { get; set; } = [];

    /// <summary>
    /// Splits the build across native runners, one per platform, as <c>platform=runner</c>, e.g.
    /// <c>["linux/amd64=ubuntu-24.04", "linux/arm64=ubuntu-24.04-arm"]</c>: a matrix job runs <see cref="PlatformTargets"/>
    /// with <c>--platforms &lt;platform&gt;</c> on each runner and hands over <c>artifacts/platforms/</c>; then one job on
    /// <see cref="RunsOn"/> downloads them and runs <see cref="MergeTargets"/>. Empty (the default): one job runs
    /// <see cref="InvokedTargets"/>.
    /// </summary>
    public string[] PlatformRunners { get; set; } = [];

    /// <summary>What each platform job of <see cref="PlatformRunners"/> runs (with <c>--platforms</c>).</summary>
    public string[] PlatformTargets { get; set; } = ["PublishPlatform"];

    /// <summary>What the merge job of <see cref="PlatformRunners"/> runs, after every platform job passed.</summary>
    public string[] MergeTargets { get; set; } = ["PublishIndex"];

    /// <summary>
    /// Splits the publish into one job per image of the repository, by image name, e.g.
    /// <c>["contoso-api", "contoso-worker"]</c>: a matrix job on <see cref="RunsOn"/> runs <see cref="ImageTargets"/> with
    /// <c>--images &lt;name&gt;</c> for each image (pushed by digest, no tags) and hands over <c>artifacts/image-jobs/</c>;
    /// then one job downloads them and runs <see cref="SetTargets"/>, which tags and signs the release set once every
    /// image passed. A name is lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>. Empty (the default): one job
    /// publishes every image. A workflow is split by <see cref="PlatformRunners"/> or by image, not both.
    /// </summary>
    public string[] ImageJobs { get; set; } = [];

    /// <summary>What each image job of <see cref="ImageJobs"/> runs (with <c>--images &lt;name&gt;</c>).</summary>
    public string[] ImageTargets { get; set; } = ["PublishImage"];

    /// <summary>What the final job of <see cref="ImageJobs"/> runs, after every image job passed.</summary>
    public string[] SetTargets { get; set; } = ["PublishSet"];

    /// <summary>
    /// Adds <c>actions/setup-dotnet</c> with the SDK that <c>global.json</c> names, and a cache of the NuGet packages
    /// folder keyed by the files that pin the packages (<c>Directory.Packages.props</c>, the project files, <c>global.json</c>).
    /// </summary>
    public bool SetupDotNet { get; set; } = true;

    /// <summary>
    /// A workspace directory for Trivy's vulnerability database, e.g. <c>.nuke/temp/trivy-cache</c>: the build step gets
    /// <c>TRIVY_CACHE_DIR</c> (the scan uses <c>--cache-dir</c> there) and a date-keyed <c>actions/cache</c> keeps it
    /// between runs, so a runner downloads the database at most once a day. Null: no database cache.
    /// </summary>
    public string? TrivyCacheDirectory { get; set; }

    /// <summary>The BuildKit image <see cref="SetupBuildx"/> runs, pinned by digest (it builds the image that gets signed).</summary>
    public string BuildkitImage { get; set; } = "moby/buildkit:v0.29.0@sha256:0039c1d47e8748b5afea56f4e85f14febaf34452bd99d9552d2daa82262b5cc5";

    /// <summary>
    /// A GitHub environment for release runs (a push of a tag matching <see cref="OnPushTags"/>), e.g. <c>release</c> with
    /// required reviewers; other runs use none. On a workflow split by <see cref="PlatformRunners"/> or <see cref="ImageJobs"/>,
    /// the final job (which tags and signs) gets it. Null: no environment.
    /// </summary>
    public string? ReleaseEnvironment { get; set; }

    /// <summary>Commit-pinned <c>uses:</c> references, keyed by action, for files rendered from now on; a committed file keeps its own pins.</summary>
    public static IReadOnlyDictionary<string, string> Actions { get; } = new Dictionary<string, string>
    {
        ["checkout"] = "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0",
        ["setup-dotnet"] = "actions/setup-dotnet@67a3573c9a986a3f9c594539f4ab511d57bb3ce9 # v4.3.1",
        ["cache"] = "actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830 # v4.3.0",
        ["setup-buildx"] = "docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1",
        ["upload-sarif"] = "github/codeql-action/upload-sarif@9e907b5e64f6b83e7804b09294d44122997950d6 # v4.32.3",
        ["upload-artifact"] = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2",
        ["download-artifact"] = "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0",
        ["cosign-installer"] = "sigstore/cosign-installer@d58896d6a1865668819e1d91763c7751a165e159 # v3.9.2",
    };
}
