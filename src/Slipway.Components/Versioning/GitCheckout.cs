using Serilog;

namespace Slipway.Components.Versioning;

/// <summary>
/// Checks that a checkout has what GitVersion needs before it runs: the full history, and a branch for HEAD.
/// A shallow clone or an unnamed detached HEAD would otherwise yield a wrong version (often <c>0.1.0</c>) without an error.
/// </summary>
internal static class GitCheckout
{
    /// <summary>The variable that names the branch of a detached HEAD.</summary>
    public const string BranchVariable = "Git_Branch";

    /// <summary>Fails with the fix when the repository is shallow or HEAD is detached without branch information.</summary>
    public static async Task EnsureVersionableAsync(string repository, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var inside = await Git.RunAsync(repository, cancellationToken, "rev-parse", "--is-inside-work-tree");
        if (inside.ExitCode != 0)
            throw new BuildFailedException($"{repository} is not a git repository, so no version can be computed. Run the build from a git clone.");

        var shallow = await Git.RunAsync(repository, cancellationToken, "rev-parse", "--is-shallow-repository");
        if (shallow.StandardOutput.Trim() == "true")
        {
            throw new BuildFailedException(
                "The repository is a shallow clone, so GitVersion cannot see the tags and history the version comes from. " +
                "Fetch the full history: on GitHub Actions set 'fetch-depth: 0' on actions/checkout; on GitLab CI set the variable 'GIT_DEPTH: 0'; " +
                "locally run 'git fetch --unshallow --tags'.");
        }

        var head = await Git.RunAsync(repository, cancellationToken, "symbolic-ref", "-q", "HEAD");
        if (head.ExitCode == 0) return; // on a branch

        if (Get(environment, BranchVariable) is { } branch)
        {
            await AttachAsync(repository, branch, cancellationToken);
            return;
        }
        // GitVersion's GitHub Actions and GitLab CI agents name the branch of a detached checkout themselves.
        if (Get(environment, "GITHUB_ACTIONS") is not null && Get(environment, "GITHUB_REF") is not null) return;
        if (Get(environment, "GITLAB_CI") is not null && Get(environment, "CI_COMMIT_REF_NAME") is not null) return;

        var containing = await Git.RunAsync(repository, cancellationToken, "for-each-ref", "--contains", "HEAD", "--format=%(refname:short)", "refs/heads");
        if (containing.ExitCode == 0 && containing.StandardOutput.Trim().Length > 0) return; // GitVersion picks one of them

        throw new BuildFailedException(
            "HEAD is detached and no branch contains it, so GitVersion cannot tell which branch is being built. " +
            $"Set the environment variable {BranchVariable} to the branch name (e.g. {BranchVariable}=main), or check out a branch " +
            "('git switch <branch>'). On GitHub Actions use actions/checkout with 'fetch-depth: 0'; on GitLab CI set 'GIT_DEPTH: 0'.");
    }

    // Names the detached HEAD after the given branch: switches to it when it is new or already points at HEAD.
    private static async Task AttachAsync(string repository, string branch, CancellationToken cancellationToken)
    {
        if (branch.StartsWith("refs/heads/", StringComparison.Ordinal)) branch = branch["refs/heads/".Length..];
        var valid = await Git.RunAsync(repository, cancellationToken, "check-ref-format", "--branch", branch);
        if (valid.ExitCode != 0)
            throw new BuildFailedException($"{BranchVariable}='{branch}' is not a valid branch name. Set it to the branch being built, e.g. main.");

        var existing = await Git.RunAsync(repository, cancellationToken, "rev-parse", "--verify", "-q", $"refs/heads/{branch}");
        var headSha = (await Git.RunAsync(repository, cancellationToken, "rev-parse", "HEAD")).StandardOutput.Trim();
        if (existing.ExitCode == 0 && existing.StandardOutput.Trim() != headSha)
        {
            throw new BuildFailedException(
                $"{BranchVariable}='{branch}' but the local branch '{branch}' points at {existing.StandardOutput.Trim()[..7]}, not at HEAD ({headSha[..7]}). " +
                "Check out the commit of that branch, or set Git_Branch to the branch this commit was built from.");
        }
        Log.Information("HEAD is detached; naming it '{Branch}' from {Variable} for GitVersion", branch, BranchVariable);
        var switched = existing.ExitCode == 0
            ? await Git.RunAsync(repository, cancellationToken, "switch", "-q", branch)
            : await Git.RunAsync(repository, cancellationToken, "switch", "-q", "-c", branch);
        if (switched.ExitCode != 0)
            throw new BuildFailedException($"Could not check out branch '{branch}' at HEAD: {switched.StandardError.Trim()}");
    }

    private static string? Get(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
