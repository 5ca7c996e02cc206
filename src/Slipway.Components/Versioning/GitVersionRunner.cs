using Serilog;
using Slipway.Processes;

namespace Slipway.Components.Versioning;

/// <summary>Computes the version of a git checkout with GitVersion, after checking the checkout can be versioned.</summary>
internal static class GitVersionRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    // The variables GitVersion's build agents detect a CI service and its branch by. They are passed exactly as the
    // build's environment has them (absent ones removed), so that environment alone decides what GitVersion sees.
    private static readonly string[] s_buildAgentVariables =
    [
        "GITHUB_ACTIONS", "GITHUB_REF", "GITHUB_REF_NAME", "GITHUB_REF_TYPE", "GITHUB_HEAD_REF", "GITHUB_BASE_REF",
        "GITLAB_CI", "CI_COMMIT_REF_NAME", "CI_COMMIT_BRANCH", "CI_COMMIT_TAG", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
        "TF_BUILD", "BUILD_SOURCEBRANCH", "SYSTEM_PULLREQUEST_SOURCEBRANCH",
        "TEAMCITY_VERSION", GitCheckout.BranchVariable, "JENKINS_URL", "GIT_BRANCH", "GIT_LOCAL_BRANCH",
        "BITBUCKET_WORKSPACE", "BITBUCKET_BRANCH", "BUILDKITE", "BUILDKITE_BRANCH", "CODEBUILD_WEBHOOK_HEAD_REF",
        "DRONE", "DRONE_BRANCH", "APPVEYOR", "TRAVIS", "SPACE_PROJECT_NAME",
    ];

    /// <summary>Runs GitVersion in <paramref name="repository"/> and reads its JSON output.</summary>
    /// <param name="repository">The checkout to version.</param>
    /// <param name="environment">The build's environment (CI variables, where packages are).</param>
    /// <param name="findOnPath">Looks an executable up on PATH.</param>
    /// <param name="cacheDirectory">Where GitVersion's output is kept for the next run with the same refs (<see cref="GitVersionCache"/>); null: not kept.</param>
    /// <param name="cancellationToken">Cancels git and GitVersion.</param>
    public static Task<BuildVersion> ComputeAsync(
        string repository,
        IReadOnlyDictionary<string, string> environment,
        Func<string, string?> findOnPath,
        string? cacheDirectory = null,
        CancellationToken cancellationToken = default) =>
        ComputeAsync(repository, environment, findOnPath, settings => settings, cacheDirectory, cancellationToken);

    /// <summary>Runs GitVersion in <paramref name="repository"/> with its settings edited by <paramref name="configure"/> and reads its JSON output.</summary>
    /// <param name="repository">The checkout to version.</param>
    /// <param name="environment">The build's environment (CI variables, where packages are).</param>
    /// <param name="findOnPath">Looks an executable up on PATH.</param>
    /// <param name="configure">Edits GitVersion's settings (the build's <c>IVersioning.ConfigureGitVersion</c>).</param>
    /// <param name="cacheDirectory">Where GitVersion's output is kept for the next run with the same refs and settings; null: not kept.</param>
    /// <param name="cancellationToken">Cancels git and GitVersion.</param>
    public static async Task<BuildVersion> ComputeAsync(
        string repository,
        IReadOnlyDictionary<string, string> environment,
        Func<string, string?> findOnPath,
        Func<GitVersionSettings, GitVersionSettings> configure,
        string? cacheDirectory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var command = GitVersionTool.Locate(environment, findOnPath)
            .AddArguments(configure(new GitVersionSettings()).ToArguments())
            .WithWorkingDirectory(repository)
            .WithTimeout(s_timeout)
            .WithExitCodeValidation(false)
            .WithOutputLogging(false);
        foreach (var name in s_buildAgentVariables)
            command = command.WithEnvironment(name, environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null);

        var key = cacheDirectory is null ? null : await GitVersionCache.KeyAsync(repository, command, cancellationToken);
        if (key is not null && TryParse(GitVersionCache.TryRead(cacheDirectory!, key)) is { } cached)
            return Report(cached, "an earlier run's GitVersion output: same refs, HEAD and configuration");

        await GitCheckout.EnsureVersionableAsync(repository, environment, cancellationToken);
        var result = await command.ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var tail = string.Join('\n', result.Output.TakeLast(15).Select(l => "    " + l.Text));
            throw new BuildFailedException(
                $"GitVersion failed with exit code {result.ExitCode} in {repository}. Its last lines:\n{tail}\n" +
                "Check GitVersion.yml, and that the checkout has its full history and branches.");
        }

        var json = ExtractJson(result.StandardOutput);
        var version = BuildVersion.Parse(json);
        if (key is not null) GitVersionCache.Write(cacheDirectory!, key, json);
        return Report(version, "GitVersion");
    }

    // An entry this build cannot read (edited by hand, written by another release) is recomputed, not an error.
    private static BuildVersion? TryParse(string? json)
    {
        if (json is null) return null;
        try { return BuildVersion.Parse(json); }
        catch (BuildFailedException) { return null; }
    }

    private static BuildVersion Report(BuildVersion version, string source)
    {
        Log.Information("Version {SemVer} (branch {Branch}, commit {Sha}; from {Source})", version.FullSemVer, version.BranchName ?? "?", version.ShortSha ?? "?", source);
        return version;
    }

    // GitVersion may print log lines around the JSON document, which starts with a line "{" and ends with a line "}".
    internal static string ExtractJson(string output)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "{");
        var end = Array.FindLastIndex(lines, l => l.TrimEnd() == "}");
        return start >= 0 && end > start ? string.Join('\n', lines[start..(end + 1)]) : output;
    }
}
