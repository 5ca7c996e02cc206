using System.Text.RegularExpressions;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Execution;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Tests.Signing;

/// <summary>The SigningKey target: the cosign key opened once per run, from the start of the run, before anything is built or pushed.</summary>
public sealed partial class SigningKeyTests : IDisposable
{
    private const string Password = "the right password";
    private readonly TemporaryDirectory _temp = new("slipway-signing-key");

    public void Dispose() => _temp.Dispose();

    private sealed class PublishBuild : SlipwayBuild, IPublish;

    private AbsolutePath Keys()
    {
        Skip.If(Tool.Find("cosign") is null, "cosign is not installed (tests/infra/container-env.sh installs it)");
        var keys = (_temp.Path / "keys").CreateDirectory();
        Tool.Of("cosign").WithArguments(["generate-key-pair"]).WithWorkingDirectory(keys).WithEnvironment("COSIGN_PASSWORD", Password)
            .WithOutputLogging(false).Execute();
        return keys / "cosign.key";
    }

    private (int ExitCode, string Output) Run(params string[] arguments)
    {
        var root = (_temp.Path / "repo").CreateDirectory();
        (root / ".nuke").CreateDirectory();
        using var output = new StringWriter();
        var code = Engine.Run<PublishBuild>(new EngineOptions(arguments) { RootDirectory = root, Environment = new Dictionary<string, string>(), Output = output }, []);
        return (code, output.ToString());
    }

    [SkippableFact]
    public void A_wrong_password_fails_SigningKey()
    {
        var key = Keys();

        var (code, output) = Run("SigningKey", "--cosign-key", key, "--cosign-password", "not the password");

        Assert.True(code == 1, output);
        Assert.Contains("Target SigningKey failed", output, StringComparison.Ordinal);
        Assert.Contains("not the one the key --cosign-key (COSIGN_KEY) was generated with", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_key_is_opened_once_per_run_though_the_target_prepares_and_awaits_it()
    {
        var key = Keys();

        var (code, output) = Run("SigningKey", "--cosign-key", key, "--cosign-password", Password);

        Assert.True(code == 0, output);
        Assert.True(Regex.Count(output, @"cosign public-key") == 1, output);
    }

    [Fact]
    public void Publish_opens_the_key_before_it_builds_or_pushes()
    {
        var (code, output) = Run("Publish", "--plan", "--registry", "localhost:5000/plan");

        Assert.True(code == 0, output);
        var order = PlanLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.True(order.IndexOf("SigningKey") is >= 0 and var at && at < order.IndexOf("Restore") && at < order.IndexOf("DockerBuild") && at < order.IndexOf("Push"),
            string.Join(", ", order));
    }

    [GeneratedRegex(@"^\s*\d+\.\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex PlanLine();
}
