using Slipway.Processes;

namespace Slipway.Common.Tests.Processes;

public sealed class ToolClockTests
{
    private static Task<ToolResult> Sleep(double seconds) =>
        Tool.Of("sleep").WithArguments([seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WithOutputLogging(false).ExecuteAsync();

    [Fact]
    public async Task Counts_the_time_tools_run_and_overlapping_tools_once()
    {
        ToolClock.Reset();
        await Sleep(1.0);
        var afterOne = ToolClock.Busy;
        await Task.WhenAll(Sleep(1.0), Sleep(1.0));
        var afterOverlap = ToolClock.Busy;

        Assert.InRange(afterOne.TotalSeconds, 1.0, 1.9);
        // Two tools side by side add their common span once, not twice.
        Assert.InRange((afterOverlap - afterOne).TotalSeconds, 1.0, 1.9);
    }

    [Fact]
    public void Reset_starts_a_new_count()
    {
        ToolClock.Reset();
        Assert.True(ToolClock.Busy < TimeSpan.FromMilliseconds(50));
    }
}
