using System.Text.Json;
using Slipway.Components.Versioning;
using Slipway.Hosts;

namespace Slipway.Components.Registry;

/// <summary>
/// Whether this run pushes: always, except for a pull request (GitHub <c>pull_request</c>/<c>pull_request_target</c>) or
/// merge request (GitLab <c>merge_request_event</c>) pipeline, which builds and scans but pushes nothing, unless
/// <c>--push-pull-requests</c> asks for the prerelease tag of a request from a branch of the same repository.
/// </summary>
/// <param name="Push">False when nothing is pushed.</param>
/// <param name="PrereleaseOnly">True when only the prerelease tag (no <c>sha-</c> tag of the synthetic merge commit) is pushed.</param>
/// <param name="Note">What the log and the summaries say about it; null for an ordinary push.</param>
internal sealed record PushPolicy(bool Push, bool PrereleaseOnly, string? Note)
{
    /// <summary>An ordinary build: every tag is pushed.</summary>
    public static PushPolicy Always { get; } = new(true, false, null);

    /// <summary>Decides from the host and its environment; a fork's request with <paramref name="pushPullRequests"/> fails, naming the fork and its read-only token.</summary>
    public static PushPolicy Decide(Host host, IReadOnlyDictionary<string, string> environment, bool pushPullRequests)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var gitLabMergeRequest = Get("GITLAB_CI") is not null && Get("CI_PIPELINE_SOURCE") == "merge_request_event";
        var number = host.PullRequest ?? (gitLabMergeRequest ? Get("CI_MERGE_REQUEST_IID") ?? "?" : null);
        if (number is null) return Always;

        var kind = Get("GITLAB_CI") is not null ? "merge request !" : "pull request #";
        if (!pushPullRequests)
            return new(false, false, $"{kind}{number}: image built and scanned, not pushed (--push-pull-requests pushes the prerelease tag of a request from this repository)");

        if (Fork(environment) is { } fork)
        {
            var token = Get("GITLAB_CI") is not null ? "CI_JOB_TOKEN" : "GITHUB_TOKEN";
            throw new BuildFailedException(
                $"--push-pull-requests: {kind}{number} comes from the fork {fork}, and its {token} is read-only: a fork's request gets no " +
                "write access to this repository's packages and no secrets, so nothing could be pushed. Leave --push-pull-requests off for " +
                "requests from forks (the pipeline then builds and scans the image and pushes nothing).");
        }
        return new(true, true, $"{kind}{number}: pushed its prerelease tag (--push-pull-requests, a branch of this repository)");
    }

    // The fork a request comes from, or null for a branch of the same repository.
    private static string? Fork(IReadOnlyDictionary<string, string> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        if (Get("GITLAB_CI") is not null)
        {
            var source = Get("CI_MERGE_REQUEST_SOURCE_PROJECT_ID");
            var target = Get("CI_MERGE_REQUEST_PROJECT_ID") ?? Get("CI_PROJECT_ID");
            return source is not null && target is not null && source != target
                ? Get("CI_MERGE_REQUEST_SOURCE_PROJECT_PATH") ?? $"project {source}"
                : null;
        }
        // GitHub: the event payload names the head repository; a fork's differs from GITHUB_REPOSITORY.
        if (Get("GITHUB_EVENT_PATH") is not { } path || !File.Exists(path)) return null;
        using var payload = JsonDocument.Parse(File.ReadAllText(path));
        if (!payload.RootElement.TryGetProperty("pull_request", out var request) || !request.TryGetProperty("head", out var head)) return null;
        var repository = head.TryGetProperty("repo", out var repo) && repo.ValueKind == JsonValueKind.Object && repo.TryGetProperty("full_name", out var name) ? name.GetString() : null;
        var fork = repo.ValueKind == JsonValueKind.Object && repo.TryGetProperty("fork", out var f) && f.ValueKind == JsonValueKind.True;
        if (repository is null) return "a deleted fork";
        return fork || !string.Equals(repository, Get("GITHUB_REPOSITORY"), StringComparison.OrdinalIgnoreCase) ? repository : null;
    }
}

/// <summary>The push policy of each run, decided once (no tool runs: it reads the host and the parameters); Tag and Push both follow it.</summary>
internal static class PushPolicies
{
    private static readonly PerBuild<PushPolicy> s_policies = new();

    public static PushPolicy Of(ITag build) =>
        s_policies.Get(build, () => PushPolicy.Decide(build.Host, BuildEnvironment.Of(build), build.PushPullRequests));
}
