using System.Text.RegularExpressions;
using Slipway.CI;
using Slipway.Common.Tests.Support;
using Slipway.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Slipway.Common.Tests.CI.CiYaml;

namespace Slipway.Common.Tests.CI;

/// <summary><c>InstallCosign</c>, keyless signing's <c>id-token: write</c>, and the build step's plain <c>Variables</c>.</summary>
public sealed class GitHubActionsSigningTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitHubActions("publish", InvokedTargets = ["Publish"], Permissions = ["contents: read", "packages: write", "id-token: write"],
        Secrets = ["GITHUB_TOKEN"], Variables = ["SLIPWAY_SIGN_KEYLESS=true", "SIGN_RETRIES=3", "COSIGN_YES=yes it is"],
        SetupBuildx = true, InstallCosign = true, ArtifactPaths = ["artifacts/"])]
    [GitHubActions("other-cosign", InvokedTargets = ["Publish"], InstallCosign = true, CosignRelease = "v2.5.2")]
    private sealed class WithKeylessSigning : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", InvokedTargets = ["Publish"], Variables = ["SLIPWAY_SIGN_KEYLESS"])]
    private sealed class WithVariableWithoutValue : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", InvokedTargets = ["Publish"], Secrets = ["REGISTRY_PASSWORD"], Variables = ["REGISTRY_PASSWORD=hunter2"])]
    private sealed class WithVariableNamedLikeASecret : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    private AbsolutePath Workflow(string name) => _harness.Root / ".github" / "workflows" / (name + ".yml");

    private List<YamlMappingNode> Steps(string name) =>
        [.. ((YamlSequenceNode)At(Load(Workflow(name)), "jobs", name, "steps")).Cast<YamlMappingNode>()];

    private static string Uses(YamlMappingNode step) => Has(step, "uses") ? At(step, "uses").ToString() : "";

    [Fact]
    public void The_cosign_installer_is_pinned_to_a_release_commit()
    {
        Assert.Matches(@"^sigstore/cosign-installer@[0-9a-f]{40} # v3\.\d+\.\d+$", GitHubActionsAttribute.Actions["cosign-installer"]);
    }

    [Fact]
    public void InstallCosign_adds_the_pinned_installer_with_a_v2_5_cosign_after_buildx_and_before_the_build_step()
    {
        Assert.Equal(0, _harness.Run<WithKeylessSigning>("Publish"));
        var steps = Steps("publish");
        Assert.Equal(
            ["actions/checkout", "actions/setup-dotnet", "actions/cache", "docker/setup-buildx-action", "sigstore/cosign-installer", "", "actions/upload-artifact"],
            steps.Select(s => Uses(s).Split('@')[0]));
        Assert.Matches("@[0-9a-f]{40}$", Uses(steps[4]));
        Assert.Equal("v2.5.3", At(steps[4], "with", "cosign-release").ToString());
        Assert.Equal("./build.sh Publish", At(steps[5], "run").ToString());
        Assert.Contains(
            $"""
                  - uses: {GitHubActionsAttribute.Actions["cosign-installer"]}
                    with:
                      cosign-release: v2.5.3
                  - name: ./build.sh Publish
            """.ReplaceLineEndings("\n"), Workflow("publish").ReadAllText(), StringComparison.Ordinal);
        Assert.Equal("v2.5.2", At(Steps("other-cosign")[3], "with", "cosign-release").ToString());
    }

    [Fact]
    public void Variables_are_plain_env_entries_of_the_build_step_after_the_secrets()
    {
        Assert.Equal(0, _harness.Run<WithKeylessSigning>("Publish"));
        var env = (YamlMappingNode)At(Steps("publish")[5], "env");
        Assert.Equal(["GITHUB_TOKEN", "SLIPWAY_SIGN_KEYLESS", "SIGN_RETRIES", "COSIGN_YES"], env.Children.Keys.Select(k => k.ToString()));
        Assert.Equal("${{ secrets.GITHUB_TOKEN }}", At(env, "GITHUB_TOKEN").ToString());
        Assert.Equal("yes it is", At(env, "COSIGN_YES").ToString());
        // Quoted, so YAML reads strings back, not a boolean and a number.
        Assert.Contains("          SLIPWAY_SIGN_KEYLESS: 'true'\n          SIGN_RETRIES: '3'\n", Workflow("publish").ReadAllText(), StringComparison.Ordinal);
        Assert.Equal(ScalarStyle.SingleQuoted, ((YamlScalarNode)At(env, "SLIPWAY_SIGN_KEYLESS")).Style);
        Assert.False(Has(Steps("other-cosign").Single(s => Has(s, "run")), "env"));
    }

    [SkippableFact]
    public void A_keyless_signing_workflow_with_id_token_write_passes_action_validator()
    {
        Skip.If(ActionValidator.Find() is null, ActionValidator.Missing);
        Assert.Equal(0, _harness.Run<WithKeylessSigning>("Publish"));
        Assert.Equal("write", At(Load(Workflow("publish")), "jobs", "publish", "permissions", "id-token").ToString());
        ActionValidator.AssertValid(Workflow("publish"));
        ActionValidator.AssertValid(Workflow("other-cosign"));
    }

    [Fact]
    public void Every_action_of_the_signing_workflow_is_pinned_by_commit()
    {
        Assert.Equal(0, _harness.Run<WithKeylessSigning>("Publish"));
        var uses = Regex.Matches(Workflow("publish").ReadAllText(), @"uses: (\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(6, uses.Count);
        Assert.All(uses, u => Assert.Matches(@"@[0-9a-f]{40}$", u));
    }

    [Fact]
    public void A_variable_that_is_not_NAME_value_fails_the_run_naming_the_attribute()
    {
        Assert.Equal(2, _harness.Run<WithVariableWithoutValue>("Publish"));
        Assert.Contains("[GitHubActions(\"publish\")] variable 'SLIPWAY_SIGN_KEYLESS' is not NAME=value", _harness.Output, StringComparison.Ordinal);
        Assert.False(Workflow("publish").FileExists());
    }

    [Fact]
    public void A_variable_named_like_a_secret_fails_the_run()
    {
        Assert.Equal(2, _harness.Run<WithVariableNamedLikeASecret>("Publish"));
        Assert.Contains("[GitHubActions(\"publish\")] sets the build step's variable REGISTRY_PASSWORD twice", _harness.Output, StringComparison.Ordinal);
    }
}
