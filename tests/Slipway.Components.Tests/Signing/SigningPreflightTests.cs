using Slipway.Components.Release;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Execution;

namespace Slipway.Components.Tests.Signing;

/// <summary>
/// What a publish checks before its first target: real required values through Requires, input checks (which may run
/// cosign) through Validates, never under --plan; and signing is opted out of with SkipSign, visibly in the plan.
/// </summary>
public sealed class SigningPreflightTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public SigningPreflightTests() => (_root.Path / ".nuke").CreateDirectory();

    public void Dispose() => _root.Dispose();

    internal sealed class PublishBuild : SlipwayBuild, IPublish, IPromote;

    internal sealed class UnsignedBuild : SlipwayBuild, IPublish
    {
        bool Slipway.Components.Signing.ISign.SkipSign => true;
    }

    private (int ExitCode, string Output) Run<TBuild>(params string[] arguments) where TBuild : SlipwayBuild, new()
    {
        using var output = new StringWriter();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "" };
        var code = Engine.Run<TBuild>(new EngineOptions(arguments) { RootDirectory = _root.Path, Environment = environment, Output = output }, []);
        return (code, output.ToString());
    }

    [Fact]
    public void Plan_runs_no_input_check_so_a_conflicting_signing_setup_only_stops_a_real_run()
    {
        var plan = Run<PublishBuild>("Publish", "--plan", "--sign-keyless", "--cosign-key", "cosign.key");
        Assert.Equal(0, plan.ExitCode);

        var run = Run<PublishBuild>("Publish", "--registry", "localhost:5000/acme", "--sign-keyless", "--cosign-key", "cosign.key");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Target Sign: Both --sign-keyless and --cosign-key (COSIGN_KEY) are given.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("── Restore", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_sign_shows_in_the_plan_and_the_signing_setup_is_not_checked()
    {
        var plan = Run<PublishBuild>("Publish", "--plan", "--skip-sign");
        Assert.Equal(0, plan.ExitCode);
        Assert.Matches(@"\d+\. Sign  \[skipped: condition false: !SkipSign\]", plan.Output);

        var run = Run<PublishBuild>("Publish", "--skip-sign", "--sign-keyless", "--cosign-key", "cosign.key");
        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("Target Sign:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_class_opts_out_of_signing_in_its_own_code()
    {
        var plan = Run<UnsignedBuild>("Publish", "--plan");
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("Sign  [skipped: condition false: !SkipSign]", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Promote_requires_its_destination_as_a_parameter_with_how_to_set_it()
    {
        var run = Run<PublishBuild>("Promote", "--plan");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Target Promote requires parameter To: pass --to <string>, or set TO, or add \"To\" to .nuke/parameters.json.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_promote_destination_that_is_no_registry_stops_the_run_with_the_check_message()
    {
        var run = Run<PublishBuild>("Promote", "--to", "not a registry");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Target Promote: --to 'not a registry' is not a registry and namespace", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_and_Promote_of_two_images_work_on_each_image_record_in_turn()
    {
        foreach (var name in new[] { "api", "worker" })
        {
            (_root.Path / "src" / name).CreateDirectory();
            (_root.Path / "src" / name / "Dockerfile").WriteAllText("FROM scratch\n");
        }
        (_root.Path / ".nuke" / "parameters.json").WriteAllText("""
            { "ImageDefinitions": [
              { "Name": "api", "Dockerfile": "src/api/Dockerfile", "Context": "." },
              { "Name": "worker", "Dockerfile": "src/worker/Dockerfile", "Context": "." } ] }
            """);

        var verify = Run<PublishBuild>("Verify");
        var promote = Run<PublishBuild>("Promote", "--to", "registry.acme.com/production", "--images", "worker");

        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("There is no published digest to verify: artifacts/images/api/image.json does not exist.", verify.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, promote.ExitCode);
        Assert.Contains("There is no published digest to promote: artifacts/images/worker/image.json does not exist.", promote.Output, StringComparison.Ordinal);
    }
}
