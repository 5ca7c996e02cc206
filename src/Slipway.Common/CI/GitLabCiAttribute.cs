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

    /// <summary>Job variables as <c>NAME=value</c>.</summary>
    public string[] Variables { get; set; } = [];

    /// <summary>Commands run before the build.</summary>
    public string[] BeforeScript { get; set; } = [];

    /// <summary>The GitLab container-scanning report the build writes.</summary>
    public string? ContainerScanningReport { get; set; }

    /// <summary>Paths kept as job artifacts, even when the job failed.</summary>
    public string[] ArtifactPaths { get; set; } = [];
}
