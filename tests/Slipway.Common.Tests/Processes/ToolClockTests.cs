using Slipway.Common.Tests.Support;
using Slipway.Processes;

namespace Slipway.Common.Tests.Processes;

public sealed class ToolClockTests
{
    private static Task<ToolResult> Sleep(double seconds) =>
        Tool.Of("sleep").WithArguments([seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WithOutputLogging(false).ExecuteAsync();

    [Fact]
    public async Task Counts_the_time_tools_run_and_overlapping_tools_once()
    {
        using var run = new TestRun();
        var clock = run.Context.Clock;
        await Sleep(1.0);
        var afterOne = clock.Busy;
        await Task.WhenAll(Sleep(1.0), Sleep(1.0));
        var afterOverlap = clock.Busy;

        Assert.InRange(afterOne.TotalSeconds, 1.0, 1.9);
        // Two tools side by side add their common span once, not twice.
        Assert.InRange((afterOverlap - afterOne).TotalSeconds, 1.0, 1.9);
    }

    [Fact]
    public async Task Reset_starts_a_new_count()
    {
        using var run = new TestRun();
        var clock = run.Context.Clock;
        await Sleep(0.2);
        clock.Reset();
        Assert.True(clock.Busy < TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_tool_of_another_run_does_not_count_in_this_one()
    {
        using var run = new TestRun();
        await Task.Run(async () =>
        {
            using (new TestRun()) await Sleep(0.3); // another run's tool
        });
        Assert.True(run.Context.Clock.Busy < TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Keeps_the_spans_between_tools_with_the_tools_on_either_side()
    {
        using var run = new TestRun();
        var clock = run.Context.Clock;
        await Task.Delay(100);
        await Sleep(0.1);
        await Task.Delay(200);
        await Tool.Of("true").WithArguments(["--", "/etc/hosts", "first", "second", "third"]).WithOutputLogging(false).ExecuteAsync();

        var spans = clock.EngineSpans;

        Assert.Equal(3, spans.Count);
        Assert.Equal((null, "sleep 0.1"), (spans[0].After, spans[0].Before));
        Assert.InRange(spans[0].Length.TotalMilliseconds, 90, 5000); // generous: a loaded machine (tests run in parallel) delays timers
        Assert.Equal(("sleep 0.1", "true first second"), (spans[1].After, spans[1].Before));
        Assert.InRange(spans[1].Length.TotalMilliseconds, 190, 5000);
        Assert.Equal(("true first second", null), (spans[2].After, spans[2].Before));
        Assert.True(spans[1].At > spans[0].At + spans[0].Length);
    }
}

public sealed class ToolWaitingTests
{
    [Fact]
    public async Task A_wait_on_an_outside_service_counts_as_tool_time_and_is_named_beside_the_engine_spans()
    {
        using var run = new TestRun();
        var clock = run.Context.Clock;
        using (Tool.Waiting("registry ghcr.io")) await Task.Delay(300);
        var waiting = Tool.Waiting("registry ghcr.io");
        waiting.Dispose();
        waiting.Dispose(); // a second dispose changes nothing
        var afterFirst = clock.Busy;
        using (Tool.Waiting("registry quay.io")) await Task.Delay(200);

        Assert.InRange(afterFirst.TotalMilliseconds, 280, 2000);
        Assert.InRange((clock.Busy - afterFirst).TotalMilliseconds, 180, 2000);
        Assert.Contains(clock.EngineSpans, s => s.After == "registry ghcr.io");
        Assert.Throws<ArgumentException>(() => Tool.Waiting(" "));
    }
}

public sealed class EngineTimeTests
{
    private static EngineSpan Span(double at, double ms, string? after, string? before) =>
        new(TimeSpan.FromMilliseconds(at), TimeSpan.FromMilliseconds(ms), after, before);

    [Fact]
    public void Says_the_start_the_spans_between_tools_longest_first_and_the_end()
    {
        var text = Slipway.Execution.EngineTime.Describe(TimeSpan.FromMilliseconds(70), [
            Span(0, 30, null, "git status"),
            Span(100, 12, "git status", "docker buildx build"),
            Span(900, 41, "docker buildx build", "docker load"),
            Span(1500, 0.2, "docker load", "trivy image"),
            Span(2000, 25, "trivy image", null),
        ]);

        Assert.Equal("Engine time 0.18 s: start 100 ms; between tools 53 ms in 3 spans (the longest: 41 ms between docker buildx build and docker load, " +
            "12 ms between git status and docker buildx build); after the last tool 25 ms", text);
    }

    [Fact]
    public void A_run_without_tools_is_all_start_and_end() =>
        Assert.Equal("Engine time 0.09 s: start 80 ms; after the last tool 10 ms",
            Slipway.Execution.EngineTime.Describe(TimeSpan.FromMilliseconds(80), [Span(0, 10, null, null)]));
}
