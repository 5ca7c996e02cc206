using Slipway.Processes;

namespace Slipway.Common.Tests.CI;

/// <summary>
/// <c>action-validator</c> (npm <c>@action-validator/cli</c> 0.6.0): checks a workflow against the published schema of
/// GitHub Actions workflows. Tests that need it skip when it is not on PATH.
/// </summary>
internal static class ActionValidator
{
    public const string Missing = "action-validator is not on PATH: npm install -g @action-validator/cli@0.6.0 (.ci/run installs it)";

    public static string? Find() => Tool.Find("action-validator");

    public static void AssertValid(string workflow)
    {
        var result = Tool.Of(Find() ?? throw new InvalidOperationException(Missing))
            .WithArguments([workflow])
            .WithOutputLogging(false)
            .WithExitCodeValidation(false)
            .WithTimeout(TimeSpan.FromMinutes(1))
            .Execute();
        Assert.True(result.ExitCode == 0, $"action-validator {workflow} exited {result.ExitCode}:\n{string.Join('\n', result.Output.Select(l => l.Text))}");
    }
}
