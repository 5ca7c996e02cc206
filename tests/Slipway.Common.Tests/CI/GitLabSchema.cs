using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Common.Tests.CI;

/// <summary>
/// GitLab's JSON schema of <c>.gitlab-ci.yml</c>, as <c>gitlab-ci-local</c> 4.70.1 (npm) checks it: <c>--list
/// --json-schema-validation</c> parses the file, validates it and lists its jobs without running any. Tests that need it
/// skip when it is not on PATH.
/// </summary>
internal static class GitLabSchema
{
    public const string Missing = "gitlab-ci-local is not on PATH: npm install -g gitlab-ci-local@4.70.1 (.ci/run installs it)";

    public static string? Find() => Tool.Find("gitlab-ci-local");

    /// <summary>Fails with gitlab-ci-local's output unless the <c>.gitlab-ci.yml</c> in <paramref name="root"/> is valid; returns the job list.</summary>
    public static string AssertValid(AbsolutePath root)
    {
        var result = Tool.Of(Find() ?? throw new InvalidOperationException(Missing))
            .WithArguments(["--list", "--json-schema-validation"])
            .WithWorkingDirectory(root)
            .WithOutputLogging(false)
            .WithExitCodeValidation(false)
            .WithTimeout(TimeSpan.FromMinutes(1))
            .Execute();
        var output = string.Join('\n', result.Output.Select(l => l.Text));
        Assert.True(result.ExitCode == 0, $"gitlab-ci-local --list --json-schema-validation in {root} exited {result.ExitCode}:\n{output}");
        return output;
    }
}
