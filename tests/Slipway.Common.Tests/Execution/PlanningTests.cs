using Slipway.Common.Tests.Support;

namespace Slipway.Common.Tests.Execution;

public sealed class PlanningTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class Chain : SlipwayBuild
    {
        Target Restore => _ => _.Executes(() => Journal.Add("Restore"));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Journal.Add("Compile"));
        Target Lint => _ => _.Executes(() => Journal.Add("Lint"));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Journal.Add("Test"));
        Target Pack => _ => _.DependsOn(Test, Lint).Executes(() => Journal.Add("Pack"));
    }

    [Fact]
    public void Dependencies_run_first_in_dependency_order()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Chain>("Test"));
        Assert.Equal(["Restore", "Compile", "Test"], Journal.Take());
    }

    [Fact]
    public void Declaration_order_breaks_ties_between_independent_targets()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Chain>("Pack"));
        // Lint is declared before Test, and both are ready once Restore/Compile allow: Lint is free first.
        Assert.Equal(["Restore", "Compile", "Lint", "Test", "Pack"], Journal.Take());
    }

    [Fact]
    public void Plan_is_the_same_on_every_run()
    {
        _harness.Run<Chain>("Pack", "--plan");
        var first = _harness.Output;
        _harness.Run<Chain>("Pack", "--plan");
        Assert.Equal(first, _harness.Output);
    }

    private sealed class Relations : SlipwayBuild
    {
        Target Setup => _ => _.DependentFor(Work).Executes(() => Journal.Add("Setup"));
        Target Work => _ => _.Triggers(Notify).Executes(() => Journal.Add("Work"));
        Target Notify => _ => _.Executes(() => Journal.Add("Notify"));
        Target Audit => _ => _.TriggeredBy(Work).Executes(() => Journal.Add("Audit"));
        Target Early => _ => _.Before(Setup).Executes(() => Journal.Add("Early"));
        Target Late => _ => _.After(Notify).Executes(() => Journal.Add("Late"));
    }

    [Fact]
    public void DependentFor_Triggers_and_TriggeredBy_pull_targets_into_the_plan()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Relations>("Work"));
        Assert.Equal(["Setup", "Work", "Notify", "Audit"], Journal.Take());
    }

    [Fact]
    public void Before_and_After_order_targets_without_pulling_them_in()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Relations>("Late", "Work", "Early"));
        var ran = Journal.Take();
        Assert.True(ran.IndexOf("Early") < ran.IndexOf("Setup"), string.Join(",", ran));
        Assert.True(ran.IndexOf("Notify") < ran.IndexOf("Late"), string.Join(",", ran));
    }

    private sealed class Cyclic : SlipwayBuild
    {
        Target A => _ => _.DependsOn(C).Executes(() => { });
        Target B => _ => _.DependsOn(A).Executes(() => { });
        Target C => _ => _.DependsOn(B).Executes(() => { });
    }

    [Fact]
    public void A_cycle_is_an_error_that_names_the_cycle()
    {
        Assert.Equal(2, _harness.Run<Cyclic>("C"));
        Assert.Contains("cycle", _harness.Output, StringComparison.Ordinal);
        Assert.Matches(@"[ABC] → [ABC] → [ABC] → [ABC]", _harness.Output);
    }

    [Fact]
    public void Unknown_target_exits_2_with_a_suggestion()
    {
        Assert.Equal(2, _harness.Run<Chain>("Compiel"));
        Assert.Contains("Unknown target 'Compiel'. Did you mean 'Compile'?", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_skip_runs_only_the_invoked_targets()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Chain>("Test", "--skip"));
        Assert.Equal(["Test"], Journal.Take());
        Assert.Matches(@"Restore\s+Skipped \(--skip\)", _harness.Output);
    }

    [Fact]
    public void Skip_with_names_skips_those_targets()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Chain>("Test", "--skip", "restore"));
        Assert.Equal(["Compile", "Test"], Journal.Take());
    }

    [Fact]
    public void Skip_of_an_unknown_target_is_an_error()
    {
        Assert.Equal(2, _harness.Run<Chain>("Test", "--skip", "Restor"));
        Assert.Contains("Did you mean 'Restore'?", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_prints_order_and_graph_and_runs_nothing()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Chain>("Pack", "--plan"));
        Assert.Empty(Journal.Take());
        Assert.Contains("1. Restore", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("5. Pack  [invoked]", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("Pack ← depends on Test, Lint", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_target_runs_when_none_is_named_and_is_marked_in_help()
    {
        Journal.Take();
        Assert.Equal(0, _harness.RunWithDefaults<Chain>([], [x => x.Compile()]));
        Assert.Equal(["Restore", "Compile"], Journal.Take());
        _harness.RunWithDefaults<Chain>(["--help"], [x => x.Compile()]);
        Assert.Matches(@"Compile \*\s", _harness.Output);
    }

    [Fact]
    public void No_target_and_no_default_is_an_error_listing_targets()
    {
        Assert.Equal(2, _harness.Run<Chain>());
        Assert.Contains("Restore, Compile, Lint, Test, Pack", _harness.Output, StringComparison.Ordinal);
    }
}

internal static class ChainAccess
{
    // Private target members are reached through reflection in tests that pick a default.
    public static Target Compile<T>(this T build) where T : SlipwayBuild =>
        (Target)typeof(T).GetProperty("Compile", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(build)!;
}
