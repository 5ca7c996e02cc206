using Slipway.Hosts;

namespace Slipway.Common.Tests.Hosts;

public sealed class HostDetectionTests
{
    private static Host Detect(params (string Key, string Value)[] variables) =>
        Host.Detect(variables.ToDictionary(v => v.Key, v => v.Value), outputRedirected: true);

    [Fact]
    public void A_terminal_without_ci_variables_is_a_local_build()
    {
        var host = Detect();
        Assert.Equal("Terminal", host.Name);
        Assert.False(host.IsServerBuild);
    }

    [Fact]
    public void GitHub_Actions_push_exposes_branch_commit_and_run_url()
    {
        var host = Detect(("GITHUB_ACTIONS", "true"), ("GITHUB_EVENT_NAME", "push"), ("GITHUB_REF", "refs/heads/main"),
            ("GITHUB_REF_TYPE", "branch"), ("GITHUB_REF_NAME", "main"), ("GITHUB_SHA", "abc123"),
            ("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_REPOSITORY", "acme/orders"), ("GITHUB_RUN_ID", "42"));
        Assert.Equal("GitHubActions", host.Name);
        Assert.Equal("main", host.Branch);
        Assert.Equal("abc123", host.Commit);
        Assert.Null(host.Tag);
        Assert.Null(host.PullRequest);
        Assert.Equal("https://github.com/acme/orders/actions/runs/42", host.RunUrl);
    }

    [Fact]
    public void GitHub_Actions_pull_request_exposes_head_branch_and_number()
    {
        var host = Detect(("GITHUB_ACTIONS", "true"), ("GITHUB_EVENT_NAME", "pull_request"), ("GITHUB_REF", "refs/pull/17/merge"),
            ("GITHUB_HEAD_REF", "feature/login"), ("GITHUB_REF_NAME", "17/merge"), ("GITHUB_REF_TYPE", "branch"));
        Assert.Equal("feature/login", host.Branch);
        Assert.Equal("17", host.PullRequest);
    }

    [Fact]
    public void GitHub_Actions_tag_build_exposes_the_tag()
    {
        var host = Detect(("GITHUB_ACTIONS", "true"), ("GITHUB_REF_TYPE", "tag"), ("GITHUB_REF_NAME", "v1.2.3"));
        Assert.Equal("v1.2.3", host.Tag);
        Assert.Null(host.Branch);
    }

    [Fact]
    public void GitLab_CI_exposes_branch_commit_tag_merge_request_and_pipeline()
    {
        var host = Detect(("GITLAB_CI", "true"), ("CI", "true"), ("CI_COMMIT_BRANCH", "main"), ("CI_COMMIT_SHA", "def456"),
            ("CI_COMMIT_TAG", "v2.0.0"), ("CI_MERGE_REQUEST_IID", "9"), ("CI_PIPELINE_URL", "https://gitlab.example/p/1"));
        Assert.Equal("GitLabCi", host.Name);
        Assert.Equal("main", host.Branch);
        Assert.Equal("def456", host.Commit);
        Assert.Equal("v2.0.0", host.Tag);
        Assert.Equal("9", host.PullRequest);
        Assert.Equal("https://gitlab.example/p/1", host.RunUrl);
    }

    [Fact]
    public void GitLab_merge_request_pipeline_takes_the_source_branch()
    {
        var host = Detect(("GITLAB_CI", "true"), ("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/x"));
        Assert.Equal("feature/x", host.Branch);
    }

    [Fact]
    public void Other_ci_is_detected_from_CI_true()
    {
        var host = Detect(("CI", "true"));
        Assert.Equal("Ci", host.Name);
        Assert.True(host.IsServerBuild);
    }

    [Fact]
    public void CI_false_is_not_a_server_build()
    {
        Assert.False(Detect(("CI", "false")).IsServerBuild);
    }

    [Fact]
    public void Colour_only_on_an_interactive_terminal()
    {
        Assert.False(Host.Detect(new Dictionary<string, string>(), outputRedirected: true).SupportsColor);
        Assert.True(Host.Detect(new Dictionary<string, string> { ["TERM"] = "xterm" }, outputRedirected: false).SupportsColor);
        Assert.False(Host.Detect(new Dictionary<string, string> { ["NO_COLOR"] = "1" }, outputRedirected: false).SupportsColor);
        Assert.False(Detect(("GITHUB_ACTIONS", "true")).SupportsColor);
    }
}
