using Slipway.Common.Tests.Support;

namespace Slipway.Common.Tests.Execution;

public interface IGreeter : ISlipwayBuild
{
    [Parameter("Who to greet")]
    string Name => TryGetValue(() => Name) ?? "world";

    Target Greet => _ => _
        .Description("Greets")
        .Executes(() => Journal.Add("hello " + Name));
}

public interface IFarewell : IGreeter
{
    Target Leave => _ => _
        .DependsOn<IGreeter>(x => x.Greet)
        .Executes(() => Journal.Add("bye"));
}

public interface IDeploy : ISlipwayBuild
{
    [Parameter("Where to deploy")]
    string? Registry => TryGetValue(() => Registry);

    Target Deploy => _ => _.Requires(() => Registry).Executes(() => Journal.Add("deploy " + Registry));
}

public sealed class ComponentTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class WithComponents : SlipwayBuild, IFarewell, IDeploy;

    private sealed class Overriding : SlipwayBuild, IFarewell
    {
        Target IGreeter.Greet => _ => _.Executes(() => Journal.Add("custom greeting"));
    }

    private sealed class Clashing : SlipwayBuild, IGreeter
    {
        Target Greet => _ => _.Executes(() => { });
    }

    [Fact]
    public void Component_targets_run_with_their_dependencies()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<WithComponents>("Leave"));
        Assert.Equal(["hello world", "bye"], Journal.Take());
    }

    [Fact]
    public void Component_parameters_come_from_the_command_line()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<WithComponents>("Greet", "--name", "Ada"));
        Assert.Equal(["hello Ada"], Journal.Take());
    }

    [Fact]
    public void An_explicit_implementation_replaces_the_component_target()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Overriding>("Leave"));
        Assert.Equal(["custom greeting", "bye"], Journal.Take());
    }

    [Fact]
    public void A_target_declared_twice_is_an_error_naming_both_places()
    {
        Assert.Equal(2, _harness.Run<Clashing>("Greet"));
        Assert.Contains("Target 'Greet' is declared twice: in Clashing and in IGreeter", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_parameter_names_it_its_variable_and_the_target()
    {
        Journal.Take();
        Assert.Equal(2, _harness.Run<WithComponents>("Deploy"));
        Assert.Empty(Journal.Take());
        Assert.Contains("Target Deploy requires parameter Registry: pass --registry <string>, or set REGISTRY", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_parameter_from_the_environment_satisfies_the_requirement()
    {
        Journal.Take();
        _harness.Environment["SLIPWAY_REGISTRY"] = "localhost:5000";
        Assert.Equal(0, _harness.Run<WithComponents>("Deploy"));
        Assert.Equal(["deploy localhost:5000"], Journal.Take());
    }

    [Fact]
    public void Help_lists_component_targets_and_parameters()
    {
        Assert.Equal(0, _harness.Run<WithComponents>("--help"));
        Assert.Matches(@"Greet\s+Greets", _harness.Output);
        Assert.Contains("Leave", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("--name <string>  Who to greet", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("env NAME or SLIPWAY_NAME; value: world (default)", _harness.Output, StringComparison.Ordinal);
    }
}
