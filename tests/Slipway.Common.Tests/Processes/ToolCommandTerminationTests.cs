using Slipway.Common.Tests.Support;
using System.Diagnostics;
using Slipway.Logging;
using Slipway.Processes;

namespace Slipway.Common.Tests.Processes;

/// <summary>A timeout or a cancellation kills the tool's whole process tree; secrets never show.</summary>
public sealed class ToolCommandTerminationTests
{
    // bash prints its own pid and a background child's pid, then waits on a second sleep: a tree of three processes.
    private static readonly string[] s_processTree = ["-c", "sleep 30 & echo \"$$ $!\"; sleep 30; wait"];

    [SkippableFact]
    public async Task A_timeout_kills_the_whole_process_tree()
    {
        ProcessProbe.RequirePosixShell();
        var pids = new List<int>();
        var stopwatch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ToolFailedException>(() => Tool.Of("bash").WithArguments(s_processTree)
            .WithTimeout(TimeSpan.FromSeconds(1)).WithOutputLogging(false)
            .WithOutputHandler(line => pids.AddRange(line.Text.Split(' ').Select(int.Parse)))
            .ExecuteAsync().WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
        Assert.Contains("timed out after 00:00:01", failure.Message, StringComparison.Ordinal);
        Assert.Contains("process tree was killed", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.ExitCode);
        Assert.Equal(2, pids.Count);
        Assert.All(pids, pid => Assert.True(ProcessProbe.IsGone(pid), $"process {pid} is still running"));
    }

    [SkippableFact]
    public async Task Cancelling_kills_the_whole_process_tree()
    {
        ProcessProbe.RequirePosixShell();
        var pids = new List<int>();
        using var cancellation = new CancellationTokenSource();

        var failure = await Assert.ThrowsAsync<ToolFailedException>(() => Tool.Of("bash").WithArguments(s_processTree).WithOutputLogging(false)
            .WithOutputHandler(line =>
            {
                pids.AddRange(line.Text.Split(' ').Select(int.Parse));
                cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
            })
            .ExecuteAsync(cancellation.Token).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("'bash' was cancelled", failure.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(failure.InnerException);
        Assert.Equal(2, pids.Count);
        Assert.All(pids, pid => Assert.True(ProcessProbe.IsGone(pid), $"process {pid} is still running"));
    }

    [SkippableFact]
    public async Task Secrets_are_masked_in_the_echoed_command_the_log_and_the_failure()
    {
        ProcessProbe.RequirePosixShell();
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        using var log = new TestRun();
        var command = Tool.Of("bash").WithArguments(["-c", $"echo token {secret}; echo {secret} >&2; exit 1", "--password", secret]).WithSecret(secret);

        var failure = await Assert.ThrowsAsync<ToolFailedException>(() => command.ExecuteAsync());

        Assert.DoesNotContain(secret, command.ToString(), StringComparison.Ordinal);
        Assert.Contains(SecretMasker.Mask, command.ToString(), StringComparison.Ordinal);
        Assert.Contains("token " + SecretMasker.Mask, log.Messages);
        Assert.All(log.Messages, m => Assert.DoesNotContain(secret, m, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure.CommandLine, StringComparison.Ordinal);
        Assert.All(failure.LastLines, l => Assert.DoesNotContain(secret, l, StringComparison.Ordinal));
        Assert.Contains("token " + SecretMasker.Mask, failure.LastLines);
    }

    [SkippableFact]
    public async Task Standard_input_is_masked_as_a_secret_in_the_log()
    {
        ProcessProbe.RequirePosixShell();
        var password = "stdin-" + Guid.NewGuid().ToString("N");
        using var log = new TestRun();

        var result = await Tool.Of("cat").WithStandardInput(password + "\n").ExecuteAsync();

        Assert.Equal(password, result.StandardOutput); // the result holds the raw output for the caller
        Assert.Contains(SecretMasker.Mask, log.Messages);
        Assert.All(log.Messages, m => Assert.DoesNotContain(password, m, StringComparison.Ordinal));
    }
}
