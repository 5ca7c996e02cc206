namespace Slipway.CI;

/// <summary>
/// Declares a GitHub Actions workflow, <c>.github/workflows/&lt;name&gt;.yml</c>, that runs the build. The engine writes
/// the file on local runs and fails a CI run whose committed file is stale, showing the diff.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string name) : Attribute
{
    /// <summary>The workflow's file name (without <c>.yml</c>) and display name.</summary>
    public string Name { get; } = name;

    /// <summary>Targets the workflow runs: <c>./build.sh Publish</c>.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>Branches whose pushes run the workflow.</summary>
    public string[] OnPushBranches { get; set; } = ["main"];

    /// <summary>Tags whose pushes run the workflow.</summary>
    public string[] OnPushTags { get; set; } = ["v*"];

    /// <summary>Target branches of pull requests that run the workflow.</summary>
    public string[] OnPullRequestBranches { get; set; } = ["main"];

    /// <summary>The runner label.</summary>
    public string RunsOn { get; set; } = "ubuntu-24.04";

    /// <summary>Job permissions, e.g. <c>packages: write</c>.</summary>
    public string[] Permissions { get; set; } = ["contents: read"];

    /// <summary>Repository secrets passed to the build as environment variables of the same name.</summary>
    public string[] Secrets { get; set; } = [];

    /// <summary>Adds a Docker Buildx set-up step.</summary>
    public bool SetupBuildx { get; set; }

    /// <summary>A SARIF file uploaded to code scanning after the build, even when it failed.</summary>
    public string? SarifFile { get; set; }

    /// <summary>Paths uploaded as the run's artifact after the build, even when it failed.</summary>
    public string[] ArtifactPaths { get; set; } = [];

    /// <summary>Commit-pinned <c>uses:</c> references, keyed by action; override to move a pin.</summary>
    public static IReadOnlyDictionary<string, string> Actions { get; } = new Dictionary<string, string>
    {
        ["checkout"] = "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0",
        ["setup-buildx"] = "docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1",
        ["upload-sarif"] = "github/codeql-action/upload-sarif@9e907b5e64f6b83e7804b09294d44122997950d6 # v4.32.3",
        ["upload-artifact"] = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2",
    };
}
