using Slipway.IO;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// A copy of the generated repository laid out as a CI runner lays out its checkout (shared/design/ci-runner-layouts.md):
/// one remote <c>origin</c> with every branch as <c>refs/remotes/origin/*</c> and the tags, HEAD checked out the way
/// the runner does it, and the variables the runner sets. The working tree keeps the warm build of the copy.
/// </summary>
internal sealed class CiCheckout
{
    private CiCheckout(AbsolutePath repository, Dictionary<string, string> environment)
    {
        Repository = repository;
        Environment = environment;
    }

    /// <summary>The checkout.</summary>
    public AbsolutePath Repository { get; }

    /// <summary>The runner's variables for the build process.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>GitHub's step summary file (GitHub checkouts only).</summary>
    public AbsolutePath? StepSummary => Environment.TryGetValue("GITHUB_STEP_SUMMARY", out var file) ? AbsolutePath.Create(file) : null;

    /// <summary>
    /// A GitHub Actions job for a push of <paramref name="tag"/>: HEAD detached at the tag, <c>GITHUB_REF=refs/tags/…</c>,
    /// a step summary file, and the run attempt (2 or more on a re-run).
    /// </summary>
    public static CiCheckout GitHubTagPush(AbsolutePath repository, string origin, string tag, int runAttempt = 1)
    {
        AddOrigin(repository, origin);
        Commands.Git(repository, "checkout", "--quiet", "--force", "--detach", $"refs/tags/{tag}");
        var sha = Commands.Git(repository, "rev-parse", "HEAD");
        var summary = repository.Parent! / $"{repository.Name}-step-summary.md";
        File.WriteAllText(summary, "");
        return new CiCheckout(repository, new Dictionary<string, string>
        {
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_REF"] = $"refs/tags/{tag}",
            ["GITHUB_REF_NAME"] = tag,
            ["GITHUB_REF_TYPE"] = "tag",
            ["GITHUB_SHA"] = sha,
            ["GITHUB_REPOSITORY"] = "acme/orders",
            ["GITHUB_REPOSITORY_OWNER"] = "acme",
            ["GITHUB_ACTOR"] = "octocat",
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_RUN_ATTEMPT"] = runAttempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_STEP_SUMMARY"] = summary,
        });
    }

    /// <summary>
    /// A GitLab CI branch pipeline for <paramref name="branch"/>: the commit checked out detached, no local branch,
    /// <c>CI_COMMIT_BRANCH</c> and the other <c>CI_*</c> variables, the registry variables pointing at
    /// <paramref name="registryImage"/>'s host.
    /// </summary>
    public static CiCheckout GitLabBranchPipeline(AbsolutePath repository, string origin, string branch, string registryImage = "registry.example.invalid/acme/orders")
    {
        AddOrigin(repository, origin);
        var sha = Commands.Git(repository, "rev-parse", $"refs/remotes/origin/{branch}");
        Commands.Git(repository, "checkout", "--quiet", "--force", "--detach", sha);
        foreach (var local in Commands.Git(repository, "for-each-ref", "--format=%(refname:short)", "refs/heads").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Commands.Git(repository, "branch", "--quiet", "-D", local);
        return new CiCheckout(repository, new Dictionary<string, string>
        {
            ["CI"] = "true",
            ["GITLAB_CI"] = "true",
            ["CI_PIPELINE_SOURCE"] = "push",
            ["CI_COMMIT_SHA"] = sha,
            ["CI_COMMIT_SHORT_SHA"] = sha[..8],
            ["CI_COMMIT_REF_NAME"] = branch,
            ["CI_COMMIT_BRANCH"] = branch,
            ["CI_DEFAULT_BRANCH"] = "main",
            ["CI_PROJECT_URL"] = "https://gitlab.example.invalid/acme/orders",
            ["CI_JOB_URL"] = "https://gitlab.example.invalid/acme/orders/-/jobs/7",
            ["CI_REGISTRY"] = registryImage.Split('/')[0],
            ["CI_REGISTRY_IMAGE"] = registryImage,
            ["CI_REGISTRY_USER"] = "gitlab-ci-token",
            ["CI_REGISTRY_PASSWORD"] = "job-token-not-used-for-a-loopback-registry",
        });
    }

    /// <summary>
    /// A GitHub Actions job for pull request <paramref name="number"/> from <paramref name="headBranch"/> into
    /// <paramref name="baseBranch"/>: the merge commit is made in <paramref name="origin"/> as <c>refs/pull/N/merge</c>,
    /// fetched to <c>refs/remotes/pull/N/merge</c> and checked out detached, with the event payload naming
    /// <paramref name="headRepository"/> (another repository than <c>acme/orders</c> is a fork). No <c>GITHUB_TOKEN</c>.
    /// </summary>
    public static CiCheckout GitHubPullRequest(AbsolutePath repository, string origin, int number, string headBranch, string baseBranch = "main",
        string headRepository = "acme/orders")
    {
        AddOrigin(repository, origin);
        var merge = $"refs/pull/{number}/merge";
        Commands.Git(repository, "checkout", "--quiet", "--force", "--detach", $"refs/remotes/origin/{baseBranch}");
        Commands.Git(repository, "merge", "--quiet", "--no-ff", "--no-edit", "-m", $"Merge {headBranch} into {baseBranch}", $"refs/remotes/origin/{headBranch}");
        Commands.Git(repository, "push", "--quiet", "origin", $"HEAD:{merge}");
        Commands.Git(repository, "fetch", "--quiet", "origin", $"+{merge}:refs/remotes/pull/{number}/merge");
        Commands.Git(repository, "checkout", "--quiet", "--force", $"refs/remotes/pull/{number}/merge");
        var sha = Commands.Git(repository, "rev-parse", "HEAD");
        var eventFile = repository.Parent! / $"{repository.Name}-event.json";
        var fork = headRepository == "acme/orders" ? "false" : "true";
        File.WriteAllText(eventFile,
            $"{{\"number\":{number},\"pull_request\":{{\"number\":{number},\"head\":{{\"ref\":\"{headBranch}\",\"repo\":{{\"full_name\":\"{headRepository}\",\"fork\":{fork}}}}},\"base\":{{\"ref\":\"{baseBranch}\"}}}}}}");
        var summary = repository.Parent! / $"{repository.Name}-step-summary.md";
        File.WriteAllText(summary, "");
        return new CiCheckout(repository, new Dictionary<string, string>
        {
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = eventFile,
            ["GITHUB_REF"] = merge,
            ["GITHUB_REF_NAME"] = $"{number}/merge",
            ["GITHUB_REF_TYPE"] = "branch",
            ["GITHUB_HEAD_REF"] = headBranch,
            ["GITHUB_BASE_REF"] = baseBranch,
            ["GITHUB_SHA"] = sha,
            ["GITHUB_REPOSITORY"] = "acme/orders",
            ["GITHUB_REPOSITORY_OWNER"] = "Acme",
            ["GITHUB_ACTOR"] = "octocat",
            ["GITHUB_RUN_ID"] = "4343",
            ["GITHUB_RUN_ATTEMPT"] = "1",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_STEP_SUMMARY"] = summary,
        });
    }

    /// <summary>
    /// A GitLab CI merge-request pipeline (<c>merge_request_event</c>) for merge request <paramref name="iid"/> from
    /// <paramref name="sourceBranch"/>: its head commit checked out detached, no <c>CI_COMMIT_BRANCH</c>.
    /// </summary>
    public static CiCheckout GitLabMergeRequest(AbsolutePath repository, string origin, int iid, string sourceBranch, string registryImage)
    {
        var pipeline = GitLabBranchPipeline(repository, origin, sourceBranch, registryImage);
        var environment = pipeline.Environment;
        environment.Remove("CI_COMMIT_BRANCH");
        environment["CI_PIPELINE_SOURCE"] = "merge_request_event";
        environment["CI_MERGE_REQUEST_IID"] = iid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = sourceBranch;
        environment["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main";
        environment["CI_MERGE_REQUEST_PROJECT_ID"] = "100";
        environment["CI_MERGE_REQUEST_SOURCE_PROJECT_ID"] = "100";
        environment["CI_PROJECT_ID"] = "100";
        return pipeline;
    }

    /// <summary>A bare clone of <paramref name="repository"/> beside it: the "origin" a runner fetches from.</summary>
    public static string BareOrigin(AbsolutePath repository)
    {
        var bare = repository.Parent! / $"{repository.Name}-origin.git";
        Commands.Check("git", ["clone", "--quiet", "--bare", repository, bare], repository.Parent!);
        return bare;
    }

    /// <summary>The runner's variables with <paramref name="extra"/> added (e.g. a test's Trivy stand-in preset).</summary>
    public Dictionary<string, string> With(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        foreach (var (name, value) in extra) environment[name] = value;
        return environment;
    }

    // One remote, origin, fetched with every branch and tag, as actions/checkout (fetch-depth: 0) and the GitLab runner (GIT_DEPTH: 0) leave it.
    private static void AddOrigin(AbsolutePath repository, string origin)
    {
        foreach (var remote in Commands.Git(repository, "remote").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Commands.Git(repository, "remote", "remove", remote);
        Commands.Git(repository, "remote", "add", "origin", origin);
        Commands.Git(repository, "fetch", "--quiet", "--tags", "--force", "origin", "+refs/heads/*:refs/remotes/origin/*");
    }
}
