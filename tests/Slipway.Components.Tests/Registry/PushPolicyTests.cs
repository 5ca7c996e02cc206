using Slipway.Components.Registry;
using Slipway.Hosts;

namespace Slipway.Components.Tests.Registry;

public sealed class PushPolicyTests : IDisposable
{
    private readonly string _event = Path.GetTempFileName();

    public void Dispose() => File.Delete(_event);

    private static (Host, Dictionary<string, string>) On(Dictionary<string, string> environment) => (Host.Detect(environment, true), environment);

    private Dictionary<string, string> GitHubPullRequest(string headRepository)
    {
        var fork = headRepository == "acme/orders" ? "false" : "true";
        File.WriteAllText(_event, "{\"pull_request\":{\"number\":7,\"head\":{\"ref\":\"feature/x\",\"repo\":{\"full_name\":\"" + headRepository + "\",\"fork\":" + fork + "}}}}");
        return new()
        {
            ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "pull_request", ["GITHUB_REF"] = "refs/pull/7/merge",
            ["GITHUB_HEAD_REF"] = "feature/x", ["GITHUB_BASE_REF"] = "main", ["GITHUB_REPOSITORY"] = "acme/orders", ["GITHUB_EVENT_PATH"] = _event,
        };
    }

    private static Dictionary<string, string> GitLabMergeRequest(string sourceProject) => new()
    {
        ["GITLAB_CI"] = "true", ["CI_PIPELINE_SOURCE"] = "merge_request_event", ["CI_MERGE_REQUEST_IID"] = "12",
        ["CI_MERGE_REQUEST_PROJECT_ID"] = "100", ["CI_MERGE_REQUEST_SOURCE_PROJECT_ID"] = sourceProject,
        ["CI_MERGE_REQUEST_SOURCE_PROJECT_PATH"] = sourceProject == "100" ? "acme/orders" : "someone/orders",
    };

    [Fact]
    public void A_branch_build_pushes()
    {
        var (host, environment) = On(new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_EVENT_NAME"] = "push", ["GITHUB_REF"] = "refs/heads/main" });

        Assert.Same(PushPolicy.Always, PushPolicy.Decide(host, environment, pushPullRequests: false));
    }

    [Fact]
    public void A_GitHub_pull_request_builds_and_scans_and_pushes_nothing()
    {
        var (host, environment) = On(GitHubPullRequest("acme/orders"));

        var policy = PushPolicy.Decide(host, environment, pushPullRequests: false);

        Assert.False(policy.Push);
        Assert.StartsWith("pull request #7: image built and scanned, not pushed", policy.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_request_target_events_count_as_pull_requests()
    {
        var environment = GitHubPullRequest("acme/orders");
        environment["GITHUB_EVENT_NAME"] = "pull_request_target";

        Assert.False(PushPolicy.Decide(Host.Detect(environment, true), environment, false).Push);
    }

    [Fact]
    public void A_GitLab_merge_request_pipeline_pushes_nothing()
    {
        var (host, environment) = On(GitLabMergeRequest("100"));

        var policy = PushPolicy.Decide(host, environment, pushPullRequests: false);

        Assert.False(policy.Push);
        Assert.StartsWith("merge request !12: image built and scanned, not pushed", policy.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_pull_requests_pushes_only_the_prerelease_tag_of_a_same_repository_request()
    {
        var (host, environment) = On(GitHubPullRequest("acme/orders"));

        var policy = PushPolicy.Decide(host, environment, pushPullRequests: true);

        Assert.True(policy.Push);
        Assert.True(policy.PrereleaseOnly);
    }

    [Fact]
    public void Push_pull_requests_for_a_fork_fails_naming_the_fork_and_its_read_only_token()
    {
        var (host, environment) = On(GitHubPullRequest("someone/orders"));

        var error = Assert.Throws<BuildFailedException>(() => PushPolicy.Decide(host, environment, pushPullRequests: true));

        Assert.Contains("fork someone/orders", error.Message, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN is read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_pull_requests_for_a_GitLab_fork_fails_naming_it()
    {
        var (host, environment) = On(GitLabMergeRequest("200"));

        var error = Assert.Throws<BuildFailedException>(() => PushPolicy.Decide(host, environment, pushPullRequests: true));

        Assert.Contains("merge request !12 comes from the fork someone/orders", error.Message, StringComparison.Ordinal);
    }
}
