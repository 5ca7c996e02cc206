using Serilog;
using Slipway.Common.Tests.Support;
using Slipway.Processes;

namespace Slipway.Common.Tests.Execution;

/// <summary>Two builds at once in one process: each run keeps its own log, secrets, cancellation and tool clock.</summary>
public sealed class ConcurrentRunsTests
{
    private sealed class Twin : SlipwayBuild
    {
        // One test uses these (the tests of a class run one after another).
        internal static Barrier Meet = new(2);
        internal static CountdownEvent Spoken = new(2);
        internal static ManualResetEventSlim FirstCancelled = new();

        [Parameter("Which twin")] readonly string Name = "";
        [Parameter("The twin's token"), Secret] readonly string Token = "";
        [Parameter("The other twin's token, not a secret here")] readonly string OtherToken = "";

        Target Speak => _ => _.Executes(async () =>
        {
            Assert.True(Meet.SignalAndWait(TimeSpan.FromSeconds(20)), "the other run never started its target");
            Log.Information("run {Name}: mine {Token}, the other's {Other}", Name, Token, OtherToken);
            await Tool.Of("echo").WithArguments(["tool of", Name, Token]).ExecuteAsync();
            Spoken.Signal();
        });

        Target Wait => _ => _.DependsOn(Speak).Executes(async () =>
        {
            if (Name == "first")
            {
                await Task.Delay(TimeSpan.FromSeconds(30), BuildCancellation.Token); // cancelled by the test
                return;
            }
            Assert.True(FirstCancelled.Wait(TimeSpan.FromSeconds(20)), "the first run was never cancelled");
            await Task.Delay(100, BuildCancellation.Token);
            Log.Information("run {Name} went on: cancelled {Cancelled}", Name, BuildCancellation.Token.IsCancellationRequested);
        });
    }

    [Fact]
    public void Two_builds_at_once_keep_their_own_log_secrets_and_cancellation()
    {
        Twin.Meet = new Barrier(2);
        Twin.Spoken = new CountdownEvent(2);
        Twin.FirstCancelled = new ManualResetEventSlim();
        var (firstToken, secondToken) = ("first-" + Guid.NewGuid().ToString("N"), "second-" + Guid.NewGuid().ToString("N"));
        using var first = new BuildHarness();
        using var second = new BuildHarness();
        using var cancel = new CancellationTokenSource();
        first.Cancellation = cancel.Token;

        int? firstCode = null, secondCode = null;
        var threads = new[]
        {
            new Thread(() => firstCode = first.Run<Twin>("Wait", "--name", "first", "--token", firstToken, "--other-token", secondToken)),
            new Thread(() => secondCode = second.Run<Twin>("Wait", "--name", "second", "--token", secondToken, "--other-token", firstToken)),
        };
        foreach (var thread in threads) thread.Start();
        // Both runs have been inside Speak at once, and both are past it, before the first is cancelled.
        Assert.True(Twin.Spoken.Wait(TimeSpan.FromSeconds(30)), "the runs did not both speak");
        cancel.Cancel();
        Twin.FirstCancelled.Set();
        foreach (var thread in threads) Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "a run did not end");

        Assert.True(firstCode == 130, first.Output);
        Assert.True(secondCode == 0, second.Output);
        // Each log has its own run's lines only.
        Assert.Contains("run first: mine ****, the other's " + secondToken, first.Output, StringComparison.Ordinal);
        Assert.Contains("run second: mine ****, the other's " + firstToken, second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("run second", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("run first", second.Output, StringComparison.Ordinal);
        Assert.Contains("tool of first ****", first.Output, StringComparison.Ordinal);
        Assert.Contains("tool of second ****", second.Output, StringComparison.Ordinal);
        // A secret is masked in its own run only: each run printed its own token as **** and the other's as it is.
        Assert.DoesNotContain(firstToken, first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secondToken, second.Output, StringComparison.Ordinal);
        // Cancelling one run leaves the other running to the end.
        Assert.Contains("Build cancelled", first.Output, StringComparison.Ordinal);
        Assert.Contains("run second went on: cancelled False", second.Output, StringComparison.Ordinal);
        Assert.Contains("Build succeeded", second.Output, StringComparison.Ordinal);
    }
}
