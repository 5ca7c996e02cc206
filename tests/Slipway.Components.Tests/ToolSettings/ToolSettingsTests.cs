using Slipway.Components.Dotnet;
using Slipway.Components.Images;
using Slipway.Components.Registry;
using Slipway.Components.Signing;
using Slipway.Components.Versioning;
using Slipway.IO;
using static Slipway.Components.Tests.Images.ImageBuildFixtures;

namespace Slipway.Components.Tests.ToolSettings;

/// <summary>What every settings value shares: the escape hatches, the fluent edits and the masked text.</summary>
public class ToolSettingsTests
{
    private static DockerPushSettings Push => new("localhost:5000/x/acme:1.0.0");

    [Fact]
    public void Additional_arguments_come_after_the_rendered_ones()
    {
        var settings = Push.AddArguments("--quiet").AddArguments("--platform", "linux/amd64");

        Assert.Equal<string>(["push", "localhost:5000/x/acme:1.0.0", "--quiet", "--platform", "linux/amd64"], settings.ToArguments());
    }

    [Fact]
    public void Argument_configurators_run_last_in_the_order_they_were_added()
    {
        var settings = Push
            .AddArguments("--quiet")
            .ConfigureArguments(a => a.Remove("--quiet"))
            .ConfigureArguments(a => a.Insert(1, "--disable-content-trust"));

        Assert.Equal<string>(["push", "--disable-content-trust", "localhost:5000/x/acme:1.0.0"], settings.ToArguments());
    }

    [Fact]
    public void When_applies_an_edit_only_under_its_condition()
    {
        Assert.True(Push.When(true, s => s with { DisableContentTrust = true }).DisableContentTrust);
        Assert.False(Push.When(false, s => s with { DisableContentTrust = true }).DisableContentTrust);
    }

    [Fact]
    public void Edits_return_new_values_and_leave_the_original_as_it_was()
    {
        var original = Push;

        var edited = original with { DisableContentTrust = true };
        _ = original.AddArguments("--quiet");

        Assert.Equal<string>(["push", "localhost:5000/x/acme:1.0.0"], original.ToArguments());
        Assert.NotEqual(original, edited);
    }

    [Fact]
    public void ToString_is_the_command_line_with_every_secret_masked()
    {
        var signer = new CosignSigner(AbsolutePath.Create("/keys/cosign.key"), "s3cret-pass", Keyless: false, TransparencyLog: false);
        var settings = Cosign.SignSettings("r@sha256:1", signer).AddArguments("--note=s3cret-pass");
        var build = DockerBuildArguments.Settings(Request(), Buildx, BuildCachePlan.None("none")).AddSecret("npm_token", "npm-value-123");

        Assert.Equal("sign --yes --key=/keys/cosign.key --tlog-upload=false r@sha256:1 --note=****", settings.ToString());
        Assert.DoesNotContain("s3cret-pass", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("npm-value-123", build.ToString(), StringComparison.Ordinal);
        Assert.Contains("--secret id=npm_token,env=SLIPWAY_BUILD_SECRET_NPM_TOKEN", build.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("npm-value-123", build.Secrets[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_with_a_space_is_quoted_in_the_text()
    {
        var settings = new GitVersionSettings { ConfigFile = "build/Git Version.yml" };

        Assert.Equal("/output json /nofetch /config 'build/Git Version.yml'", settings.ToString());
    }

    [Fact]
    public void A_property_with_an_empty_name_is_refused_naming_it()
    {
        var build = new DotnetBuildSettings("/repo/a.slnx", "Release");

        Assert.Throws<ArgumentException>(() => build.SetProperty(" ", "x"));
        Assert.Throws<ArgumentException>(() => new GitVersionSettings().AddOverrideConfig("", "x"));
        Assert.Equal<string>(["build", "/repo/a.slnx", "--configuration", "Release", "--no-restore", "-p:ContinuousIntegrationBuild=true"],
            build.SetProperty("ContinuousIntegrationBuild", "true").ToArguments());
    }
}
