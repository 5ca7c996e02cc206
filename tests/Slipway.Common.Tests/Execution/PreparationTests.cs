using Serilog;
using Slipway.Common.Tests.Support;

namespace Slipway.Common.Tests.Execution;

/// <summary><c>Prepares</c>: work a target will need, started in the background when the run starts.</summary>
public sealed class PreparationTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public PreparationTests()
    {
        Probing.Probed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Probing.Prepared = null;
        Probing.Fail = false;
        Probing.CompileWaits = TimeSpan.FromSeconds(10);
    }

    public void Dispose() => _harness.Dispose();

    // Probe's preparation answers what Compile waits for: unless preparations start before the first target, Compile times out.
    private sealed class Probing : SlipwayBuild
    {
        public static TaskCompletionSource<string> Probed { get; set; } = new();
        public static Task<string>? Prepared { get; set; }
        public static bool Fail { get; set; }
        public static TimeSpan CompileWaits { get; set; }

        Target Compile => _ => _.Executes(async () =>
            Log.Information("compiling after {Answer}", await Probed.Task.WaitAsync(CompileWaits)));

        Target Probe => _ => _
            .DependsOn(Compile)
            .Prepares(() => Prepared = ProbeAsync())
            .Executes(async () => Log.Information("probed: {Answer}", await Prepared!));

        Target Skipped => _ => _
            .OnlyWhenStatic(() => false)
            .Prepares(() => throw new InvalidOperationException("a skipped target prepared"))
            .Executes(() => { });

        private static async Task<string> ProbeAsync()
        {
            Log.Information("probing");
            Log.Warning("the probe is slow");
            await Task.Yield();
            if (Fail) throw new BuildFailedException("the probe found no builder");
            Probed.TrySetResult("the probe");
            return "the probe";
        }
    }

    private List<string> Lines => [.. _harness.Output.Split('\n').Select(l => l.TrimEnd('\r'))];

    private int Line(string text) => Lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void A_preparation_starts_before_the_first_target_runs()
    {
        Assert.Equal(0, _harness.Run<Probing>("Probe"));

        Assert.Contains("compiling after the probe", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("probed: the probe", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void What_a_preparation_logs_appears_under_its_targets_header_in_order()
    {
        _harness.Run<Probing>("Probe");

        Assert.True(Line("compiling after") < Line("── Probe "), _harness.Output);
        Assert.Equal(Line("── Probe ") + 1, Line("probing"));
        Assert.Equal(Line("probing") + 1, Line("the probe is slow"));
        Assert.True(Line("the probe is slow") < Line("probed: the probe"), _harness.Output);
    }

    [Fact]
    public void A_failed_preparation_fails_its_target_where_the_target_awaits_it()
    {
        Probing.Fail = true;

        Assert.Equal(1, _harness.Run<Probing>("Probe", "--skip", "Compile"));

        Assert.Matches(@"Probe\s+Failed\s+\S+\s+the probe found no builder", _harness.Output);
    }

    [Fact]
    public void A_target_skipped_before_the_run_prepares_nothing()
    {
        Assert.Equal(0, _harness.Run<Probing>("Probe", "Skipped"));

        Assert.DoesNotContain("a skipped target prepared", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_that_does_not_run_leaves_only_its_preparations_warnings()
    {
        Probing.Fail = true;
        Probing.CompileWaits = TimeSpan.FromMilliseconds(300);

        Assert.Equal(1, _harness.Run<Probing>("Probe"));

        // Compile fails waiting (the probe never answers), so Probe does not run.
        Assert.Matches(@"Probe\s+NotRun", _harness.Output);
        Assert.Equal(-1, Line("INF probing"));
        Assert.True(Line("WRN the probe is slow") > Line("── Compile "), _harness.Output);
    }
}
