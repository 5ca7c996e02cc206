using Slipway.Common.Tests.Support;
using Slipway.Execution;

namespace Slipway.Common.Tests.Execution;

public sealed class RequirementTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class Release : SlipwayBuild
    {
        [Parameter("The release was approved")] readonly bool Approved;
        [Parameter("Where to deploy")] readonly string? Environment;
        [Parameter("Regions to deploy to")] readonly string[] Regions = [];

        Target Approve => _ => _.Requires(() => Approved).Executes(() => Journal.Add("approved"));
        Target Deploy => _ => _.Requires(() => Environment).Executes(() => Journal.Add("deploy " + Environment));
        Target Spread => _ => _.Requires(() => Regions).Executes(() => Journal.Add("spread " + string.Join(",", Regions)));
    }

    [Fact]
    public void A_false_bool_requirement_stops_the_run_naming_the_flag_and_how_to_set_it()
    {
        Journal.Take();
        Assert.Equal(2, _harness.Run<Release>("Approve"));
        Assert.Empty(Journal.Take());
        Assert.Contains("Target Approve requires parameter Approved to be true: pass --approved, or set APPROVED=true, or add \"Approved\": true to .nuke/parameters.json.", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_true_bool_requirement_lets_the_target_run()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Release>("Approve", "--approved"));
        Assert.Equal(["approved"], Journal.Take());
    }

    [Fact]
    public void A_null_string_requirement_stops_the_run_and_a_set_one_runs()
    {
        Journal.Take();
        Assert.Equal(2, _harness.Run<Release>("Deploy"));
        Assert.Contains("Target Deploy requires parameter Environment: pass --environment <string>, or set ENVIRONMENT", _harness.Output, StringComparison.Ordinal);
        Assert.Empty(Journal.Take());
        Assert.Equal(0, _harness.Run<Release>("Deploy", "--environment", "staging"));
        Assert.Equal(["deploy staging"], Journal.Take());
    }

    [Fact]
    public void A_blank_string_from_parameters_json_is_missing()
    {
        File.WriteAllText(_harness.Root / ".nuke" / "parameters.json", """{ "Environment": "  " }""");
        Assert.Equal(2, _harness.Run<Release>("Deploy"));
        Assert.Contains("requires parameter Environment", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_array_requirement_stops_the_run_and_a_given_one_runs()
    {
        Journal.Take();
        Assert.Equal(2, _harness.Run<Release>("Spread"));
        Assert.Contains("Target Spread requires parameter Regions: pass --regions <string[]>", _harness.Output, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Run<Release>("Spread", "--regions", "eu", "us"));
        Assert.Equal(["spread eu,us"], Journal.Take());
    }

    [Fact]
    public void Every_unmet_requirement_is_named_at_once_and_plan_checks_them_too()
    {
        Assert.Equal(2, _harness.Run<Release>("Approve", "Deploy", "--plan"));
        Assert.Contains("requires parameter Approved", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("requires parameter Environment", _harness.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData("", true)]
    [InlineData(" ", true)]
    [InlineData("x", false)]
    [InlineData(0, false)]
    public void A_value_is_missing_when_null_false_or_blank(object? value, bool missing) =>
        Assert.Equal(missing, Requirements.IsMissing(value));

    [Fact]
    public void Empty_collections_are_missing_and_filled_ones_are_not()
    {
        Assert.True(Requirements.IsMissing(Array.Empty<int>()));
        Assert.True(Requirements.IsMissing(new List<string>()));
        Assert.True(Requirements.IsMissing(Enumerable.Empty<string>().Select(s => s)));
        Assert.False(Requirements.IsMissing(new[] { 1 }));
        Assert.False(Requirements.IsMissing(new Dictionary<string, int> { ["a"] = 1 }));
    }

    private sealed class Checked : SlipwayBuild
    {
        [Parameter("Registry to push to")] readonly string? Registry;
        [Parameter("Skip the upload")] readonly bool SkipUpload;

        string Destination => Registry is null or "" ? "localhost" : Registry.Contains(' ', StringComparison.Ordinal)
            ? throw new BuildFailedException($"--registry '{Registry}' has a space: pass a host and namespace such as ghcr.io/acme.")
            : Registry;

        Target Build => _ => _.Executes(() => Journal.Add("build"));

        Target Upload => _ => _
            .DependsOn(Build)
            .OnlyWhenStatic(() => !SkipUpload)
            .Validates(() => Destination)
            .Validates(() =>
            {
                Journal.Add("validated");
                if (Registry == "refused") throw new BuildFailedException("The registry refused the login: run docker login refused.");
            })
            .Executes(() => Journal.Add("upload " + Destination));
    }

    [Fact]
    public void A_failed_validation_stops_the_run_before_the_first_target_with_its_own_message()
    {
        Journal.Take();
        Assert.Equal(2, _harness.Run<Checked>("Upload", "--registry", "ghcr.io/a b"));
        Assert.Equal(["validated"], Journal.Take());
        Assert.Contains("Target Upload: --registry 'ghcr.io/a b' has a space: pass a host and namespace such as ghcr.io/acme.", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validations_that_pass_let_the_run_go_on()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Checked>("Upload", "--registry", "ghcr.io/acme"));
        Assert.Equal(["validated", "build", "upload ghcr.io/acme"], Journal.Take());
    }

    [Fact]
    public void Plan_does_not_run_validations()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Checked>("Upload", "--registry", "refused", "--plan"));
        Assert.Empty(Journal.Take());
        Assert.Equal(2, _harness.Run<Checked>("Upload", "--registry", "refused"));
        Assert.Equal(["validated"], Journal.Take());
        Assert.Contains("Target Upload: The registry refused the login: run docker login refused.", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_target_is_not_validated_and_plan_shows_a_static_skip()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<Checked>("Upload", "--registry", "a b", "--skip", "Upload"));
        Assert.Equal(["build"], Journal.Take());
        Assert.Equal(0, _harness.Run<Checked>("Upload", "--registry", "a b", "--skip-upload"));
        Assert.Equal(["build"], Journal.Take());
        Assert.Equal(0, _harness.Run<Checked>("Upload", "--skip-upload", "--plan"));
        Assert.Contains("Upload  [invoked; skipped: condition false: !SkipUpload]", _harness.Output, StringComparison.Ordinal);
    }

    private sealed class ReadsInvocation : SlipwayBuild
    {
        Target Release => _ => _.OnlyWhenStatic(() => Invocation.Targets.Contains("Release")).Executes(() => Journal.Add("release"));
    }

    [Fact]
    public void A_static_condition_may_read_the_invoked_targets()
    {
        Journal.Take();
        Assert.Equal(0, _harness.Run<ReadsInvocation>("Release"));
        Assert.Equal(["release"], Journal.Take());
    }

    private sealed class AsyncCheck : SlipwayBuild
    {
        Target Upload => _ => _.Validates(() => Task.Delay(1)).Executes(() => { });
    }

    [Fact]
    public void An_asynchronous_validation_is_a_definition_error()
    {
        Assert.Equal(2, _harness.Run<AsyncCheck>("Upload"));
        Assert.Contains("Validates takes a synchronous check", _harness.Output, StringComparison.Ordinal);
    }
}
