using Slipway.CI;
using Slipway.Common.Tests.Support;
using Slipway.IO;
using YamlDotNet.RepresentationModel;
using static Slipway.Common.Tests.CI.CiYaml;

namespace Slipway.Common.Tests.CI;

/// <summary><c>PlatformRunners</c>: one job per platform on its native runner, then the merge job.</summary>
public sealed class GitHubActionsSplitTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitHubActions("publish", PlatformRunners = ["linux/amd64=ubuntu-24.04", "linux/arm64=ubuntu-24.04-arm"],
        Permissions = ["contents: read", "packages: write", "id-token: write"], Secrets = ["GITHUB_TOKEN"], Variables = ["SIGN_KEYLESS=true"],
        SetupBuildx = true, InstallCosign = true, SarifFile = "artifacts/trivy/trivy.sarif", ArtifactPaths = ["artifacts/"])]
    private sealed class Split : SlipwayBuild
    {
        Target PublishPlatform => _ => _.Executes(() => { });

        Target PublishIndex => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", PlatformRunners = ["linux/arm64"])]
    private sealed class WithoutRunner : SlipwayBuild
    {
        Target PublishIndex => _ => _.Executes(() => { });
    }

    private AbsolutePath Workflow => _harness.Root / ".github" / "workflows" / "publish.yml";

    private static List<YamlMappingNode> Steps(YamlNode job) => [.. ((YamlSequenceNode)At(job, "steps")).Cast<YamlMappingNode>()];

    [Fact]
    public void Each_platform_builds_on_its_own_runner_and_the_merge_job_needs_them_all()
    {
        Assert.Equal(0, _harness.Run<Split>("PublishIndex"));
        var jobs = (YamlMappingNode)At(Load(Workflow), "jobs");
        Assert.Equal(["publish-platform", "publish"], jobs.Children.Keys.Select(k => k.ToString()));

        var platform = At(jobs, "publish-platform");
        var include = ((YamlSequenceNode)At(platform, "strategy", "matrix", "include")).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["linux/amd64", "linux/arm64"], include.Select(i => At(i, "platform").ToString()));
        Assert.Equal(["ubuntu-24.04", "ubuntu-24.04-arm"], include.Select(i => At(i, "runner").ToString()));
        Assert.Equal("${{ matrix.runner }}", At(platform, "runs-on").ToString());
        var build = Steps(platform).Single(s => Has(s, "run"));
        Assert.Equal("./build.sh PublishPlatform --platforms ${{ matrix.platform }}", At(build, "run").ToString());
        Assert.Equal("true", At(build, "env", "SIGN_KEYLESS").ToString());
        Assert.Contains(Steps(platform), s => Has(s, "with") && Has(At(s, "with"), "name") && At(s, "with", "name").ToString() == "platform-${{ strategy.job-index }}"
            && At(s, "with", "path").ToString().Trim() == "artifacts/platforms/");
        Assert.DoesNotContain(Steps(platform), s => Has(s, "uses") && At(s, "uses").ToString().StartsWith("sigstore/cosign-installer", StringComparison.Ordinal));

        var merge = At(jobs, "publish");
        Assert.Equal("publish-platform", At(merge, "needs").ToString());
        Assert.Equal("ubuntu-24.04", At(merge, "runs-on").ToString());
        var download = Steps(merge).Single(s => Has(s, "uses") && At(s, "uses").ToString().StartsWith("actions/download-artifact@", StringComparison.Ordinal));
        Assert.Equal("platform-*", At(download, "with", "pattern").ToString());
        Assert.Equal("artifacts/platforms", At(download, "with", "path").ToString());
        Assert.Equal("./build.sh PublishIndex", At(Steps(merge).Single(s => Has(s, "run")), "run").ToString());
        Assert.Contains(Steps(merge), s => Has(s, "uses") && At(s, "uses").ToString().StartsWith("sigstore/cosign-installer", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_action_is_pinned_by_commit_and_the_committed_file_is_up_to_date_on_CI()
    {
        Assert.Equal(0, _harness.Run<Split>("PublishIndex"));
        var uses = File.ReadAllLines(Workflow).Where(l => l.TrimStart().StartsWith("- uses:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, l => Assert.Matches(@"- uses: [\w./-]+@[0-9a-f]{40} # v\d", l));

        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, _harness.Run<Split>("PublishIndex"));
    }

    [SkippableFact]
    public void The_split_workflow_passes_action_validator()
    {
        Skip.If(ActionValidator.Find() is null, ActionValidator.Missing);
        Assert.Equal(0, _harness.Run<Split>("PublishIndex"));
        ActionValidator.AssertValid(Workflow);
    }

    [Fact]
    public void A_platform_without_a_runner_is_a_usage_error_naming_the_entry()
    {
        Assert.Equal(2, _harness.Run<WithoutRunner>("PublishIndex"));
        Assert.Contains("[GitHubActions(\"publish\")] has PlatformRunners entry 'linux/arm64': write platform=runner", _harness.Output, StringComparison.Ordinal);
    }
}
