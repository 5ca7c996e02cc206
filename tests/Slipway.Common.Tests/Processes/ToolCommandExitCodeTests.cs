using Slipway.Processes;

namespace Slipway.Common.Tests.Processes;

/// <summary>Only the exit code decides whether a tool run failed.</summary>
public sealed class ToolCommandExitCodeTests
{
    [SkippableFact]
    public async Task Non_zero_exit_throws_naming_the_command_and_showing_the_last_lines()
    {
        ProcessProbe.RequirePosixShell();
        var command = Tool.Of("bash").WithArguments(["-c", "for i in $(seq 1 30); do echo line$i; done; exit 3"]).WithOutputLogging(false);

        var failure = await Assert.ThrowsAsync<ToolFailedException>(() => command.ExecuteAsync());

        Assert.Equal(3, failure.ExitCode);
        Assert.Contains("'bash' exited with code 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("bash -c 'for i in $(seq 1 30); do echo line$i; done; exit 3'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(command.ToString(), failure.CommandLine);
        Assert.Equal(20, failure.LastLines.Count);
        Assert.Equal("line11", failure.LastLines[0]);
        Assert.Equal("line30", failure.LastLines[^1]);
        Assert.Contains("    line30", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line10\n", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_validation_a_non_zero_exit_code_is_returned()
    {
        ProcessProbe.RequirePosixShell();

        var result = await Tool.Of("bash").WithArguments(["-c", "echo done; exit 7"]).WithExitCodeValidation(false).WithOutputLogging(false).ExecuteAsync();

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("done", result.StandardOutput);
    }

    [SkippableFact]
    public async Task Output_on_standard_error_is_not_a_failure()
    {
        ProcessProbe.RequirePosixShell();

        var result = await Tool.Of("bash").WithArguments(["-c", "echo progress >&2; echo result"]).WithOutputLogging(false).ExecuteAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("result", result.StandardOutput);
        Assert.Equal("progress", result.StandardError);
        Assert.Contains(result.Output, line => line is { Text: "progress", IsError: true });
    }

    [Fact]
    public async Task A_tool_that_cannot_start_fails_with_a_clear_message()
    {
        var failure = await Assert.ThrowsAsync<ToolFailedException>(() => Tool.Of("slipway-no-such-tool").ExecuteAsync());

        Assert.Null(failure.ExitCode);
        Assert.Contains("'slipway-no-such-tool' could not be started", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Is it installed and on PATH?", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Find_returns_the_full_path_of_a_tool_on_PATH_or_null()
    {
        ProcessProbe.RequirePosixShell();

        var bash = Tool.Find("bash");

        Assert.NotNull(bash);
        Assert.True(Path.IsPathRooted(bash) && File.Exists(bash), bash);
        Assert.Null(Tool.Find("slipway-no-such-tool"));
    }
}
