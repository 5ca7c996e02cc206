using Slipway.Common.Tests.Support;

namespace Slipway.Common.Tests.Execution;

public sealed class ExecutionTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class Failing : SlipwayBuild
    {
        Target Compile => _ => _.Executes(() => Journal.Add("Compile"));
        Target Lint => _ => _.ProceedAfterFailure().Executes(() => throw new BuildFailedException("3 lint errors"));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Journal.Add("Test"));
        Target Pack => _ => _.DependsOn(Lint).Executes(() => Journal.Add("Pack"));
        Target Broken => _ => _.DependsOn(Compile).Executes(() => throw new InvalidOperationException("boom"));
        Target After => _ => _.DependsOn(Broken).Executes(() => Journal.Add("After"));
        Target Independent => _ => _.After(Broken).Executes(() => Journal.Add("Independent"));
        Target Cleanup => _ => _.After(Broken).AssuredAfterFailure().Executes(() => Journal.Add("Cleanup"));
    }

    [Fact]
    public void A_failure_stops_later_targets_but_assured_ones_run()
    {
        Journal.Take();
        Assert.Equal(1, _harness.Run<Failing>("After", "Independent", "Cleanup"));
        Assert.Equal(["Compile", "Cleanup"], Journal.Take());
        Assert.Matches(@"Broken\s+Failed\s+\S+\s+boom", _harness.Output);
        Assert.Matches(@"After\s+NotRun \(Broken failed\)", _harness.Output);
        Assert.Matches(@"Independent\s+NotRun \(an earlier target failed\)", _harness.Output);
        Assert.Contains("Build failed: Broken failed", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ProceedAfterFailure_lets_independent_targets_run_but_not_dependents()
    {
        Journal.Take();
        Assert.Equal(1, _harness.Run<Failing>("Lint", "Test", "Pack"));
        Assert.Equal(["Compile", "Test"], Journal.Take());
        Assert.Matches(@"Pack\s+NotRun \(Lint failed\)", _harness.Output);
    }

    [Fact]
    public void Failure_shows_the_message_without_a_stack_trace_for_build_failures()
    {
        _harness.Run<Failing>("Lint");
        Assert.Contains("Target Lint failed: 3 lint errors", _harness.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _harness.Output, StringComparison.Ordinal);
    }

    private sealed class Conditional : SlipwayBuild
    {
        bool _ready;
        Target Prepare => _ => _.Executes(() => _ready = true);
        Target Static => _ => _.DependsOn(Prepare).OnlyWhenStatic(() => _ready).Executes(() => Journal.Add("Static"));
        Target Dynamic => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => _ready).Executes(() => Journal.Add("Dynamic"));
        Target Never => _ => _.OnlyWhenDynamic(() => IsServerBuild).Executes(() => Journal.Add("Never"));
    }

    [Fact]
    public void Static_conditions_are_evaluated_before_anything_runs_and_dynamic_ones_just_before_the_target()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Conditional>("Static", "Dynamic", "Never"));
        Assert.Equal(["Dynamic"], Journal.Take());
        Assert.Matches(@"Static\s+Skipped \(condition false: _ready\)", _harness.Output);
        Assert.Matches(@"Never\s+Skipped \(condition false: IsServerBuild\)", _harness.Output);
    }

    private sealed class Async : SlipwayBuild
    {
        Target Wait => _ => _
            .Executes(async () =>
            {
                await Task.Delay(10);
                Journal.Add("first");
            })
            .Executes(() => Journal.Add("second"));
    }

    [Fact]
    public void Async_and_sync_actions_run_in_order()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Async>("Wait"));
        Assert.Equal(["first", "second"], Journal.Take());
    }

    private sealed class Concurrent : SlipwayBuild
    {
        internal static Barrier Meet = new(2);
        internal static TimeSpan Patience = TimeSpan.FromSeconds(10);
        Target Left => _ => _.Executes(() => Journal.Add(Meet.SignalAndWait(Patience) ? "met" : "alone"));
        Target Right => _ => _.Executes(() => Journal.Add(Meet.SignalAndWait(Patience) ? "met" : "alone"));
        Target Both => _ => _.DependsOn(Left, Right).Executes(() => Journal.Add("Both"));
    }

    [Fact]
    public void Parallel_runs_independent_targets_at_the_same_time()
    {
        Journal.Take();
        Concurrent.Meet = new Barrier(2);
        Concurrent.Patience = TimeSpan.FromSeconds(10);
        Assert.Equal(0, _harness.Run<Concurrent>("Both", "--parallel"));
        Assert.Equal(["met", "met", "Both"], Journal.Take());
    }

    [Fact]
    public void Without_parallel_targets_run_one_at_a_time()
    {
        Journal.Take();
        Concurrent.Meet = new Barrier(2);
        Concurrent.Patience = TimeSpan.FromMilliseconds(200);
        Assert.Equal(0, _harness.Run<Concurrent>("Both"));
        Assert.Equal(["alone", "alone", "Both"], Journal.Take());
    }

    private sealed class Noted : SlipwayBuild
    {
        Target Report => _ => _.Executes(() =>
        {
            ReportSummary("restore layer: cached");
            ReportSummary("7 of 9 steps cached");
        });
    }

    [Fact]
    public void Summary_table_shows_status_duration_and_notes()
    {
        Assert.Equal(0, _harness.Run<Noted>("Report"));
        Assert.Matches(@"Report\s+Succeeded\s+0:\d\d\.\d\s+restore layer: cached", _harness.Output);
        Assert.Contains("7 of 9 steps cached", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("Build succeeded", _harness.Output, StringComparison.Ordinal);
    }
}
