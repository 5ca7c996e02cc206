using Slipway.CI;
using Slipway.Common.Tests.Support;
using Slipway.IO;
using YamlDotNet.RepresentationModel;
using static Slipway.Common.Tests.CI.CiYaml;

namespace Slipway.Common.Tests.CI;

/// <summary><c>ImageJobs</c>: one job per image, each pushing its image by digest, then the job that completes the release set.</summary>
public sealed class GitHubActionsImageJobsTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitHubActions("publish", ImageJobs = ["contoso-api", "contoso-worker"],
        Permissions = ["contents: read", "packages: write", "security-events: write", "id-token: write"], Secrets = ["GITHUB_TOKEN"],
        Variables = ["SIGN_KEYLESS=true"], SetupBuildx = true, InstallCosign = true, TrivyCacheDirectory = ".nuke/temp/trivy-cache",
        SarifFile = "artifacts/trivy/trivy.sarif", ArtifactPaths = ["artifacts/"], ReleaseEnvironment = "release")]
    private sealed class PerImage : SlipwayBuild
    {
        Target PublishImage => _ => _.Executes(() => { });

        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", ImageJobs = ["contoso-api"], ImageTargets = ["Test", "PublishImage"], SetTargets = ["PublishSet", "Verify"])]
    private sealed class OwnTargets : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", ImageJobs = ["contoso-api", "Contoso.Worker"])]
    private sealed class UpperCaseName : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", ImageJobs = ["contoso-api", ""])]
    private sealed class EmptyName : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", ImageJobs = ["contoso-api", "contoso-api"])]
    private sealed class NameTwice : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", ImageJobs = ["contoso-api"], PlatformRunners = ["linux/amd64=ubuntu-24.04", "linux/arm64=ubuntu-24.04-arm"])]
    private sealed class ByPlatformAndImage : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    private AbsolutePath Workflow => _harness.Root / ".github" / "workflows" / "publish.yml";

    private static List<YamlMappingNode> Steps(YamlNode job) => [.. ((YamlSequenceNode)At(job, "steps")).Cast<YamlMappingNode>()];

    private static YamlMappingNode Uses(YamlNode job, string action) =>
        Steps(job).Single(s => Has(s, "uses") && At(s, "uses").ToString().StartsWith(action + "@", StringComparison.Ordinal));

    private static bool IsUpload(YamlMappingNode step, string name) =>
        Has(step, "uses") && At(step, "uses").ToString().StartsWith("actions/upload-artifact@", StringComparison.Ordinal) && At(step, "with", "name").ToString() == name;

    [Fact]
    public void Each_image_is_published_by_its_own_matrix_job_and_the_final_job_needs_them_all()
    {
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        var jobs = (YamlMappingNode)At(Load(Workflow), "jobs");
        Assert.Equal(["publish-image", "publish"], jobs.Children.Keys.Select(k => k.ToString()));

        var image = At(jobs, "publish-image");
        Assert.Equal("true", At(image, "strategy", "fail-fast").ToString());
        Assert.Equal(["contoso-api", "contoso-worker"], ((YamlSequenceNode)At(image, "strategy", "matrix", "image")).Select(i => i.ToString()));
        Assert.Equal("ubuntu-24.04", At(image, "runs-on").ToString());
        Assert.False(Has(image, "environment"));
        var build = Steps(image).Single(s => Has(s, "run") && At(s, "run").ToString().StartsWith("./build.sh", StringComparison.Ordinal));
        Assert.Equal("./build.sh PublishImage --images ${{ matrix.image }}", At(build, "run").ToString());
        Assert.Equal("true", At(build, "env", "SIGN_KEYLESS").ToString());
        Assert.Equal(".nuke/temp/trivy-cache", At(build, "env", "TRIVY_CACHE_DIR").ToString());
        Assert.StartsWith("image=moby/buildkit:", At(Uses(image, "docker/setup-buildx-action"), "with", "driver-opts").ToString(), StringComparison.Ordinal);
        // The image's SARIF run names its own category (slipway/trivy/<image>/): the upload must not override it.
        var sarif = Uses(image, "github/codeql-action/upload-sarif");
        Assert.Equal("artifacts/trivy/trivy.sarif", At(sarif, "with", "sarif_file").ToString());
        Assert.False(Has(At(sarif, "with"), "category"));
        var handOver = Steps(image).Single(s => IsUpload(s, "publish-image-${{ matrix.image }}"));
        Assert.Equal("artifacts/image-jobs/", At(handOver, "with", "path").ToString().Trim());
        Assert.False(Has(handOver, "if"), "a failed image job hands nothing over");
        Assert.Equal("always()", At(Steps(image).Single(s => IsUpload(s, "publish-artifacts-${{ matrix.image }}")), "if").ToString());
        Assert.DoesNotContain(Steps(image), s => Has(s, "uses") && At(s, "uses").ToString().StartsWith("sigstore/cosign-installer", StringComparison.Ordinal));

        var set = At(jobs, "publish");
        Assert.Equal("publish-image", At(set, "needs").ToString());
        Assert.Equal("ubuntu-24.04", At(set, "runs-on").ToString());
        Assert.Contains("'release'", At(set, "environment").ToString(), StringComparison.Ordinal);
        Uses(set, "sigstore/cosign-installer");
        var download = Uses(set, "actions/download-artifact");
        Assert.Equal("publish-image-*", At(download, "with", "pattern").ToString());
        Assert.Equal("artifacts/image-jobs", At(download, "with", "path").ToString());
        Assert.Equal("true", At(download, "with", "merge-multiple").ToString());
        Assert.True(Steps(set).IndexOf(download) < Steps(set).FindIndex(s => Has(s, "run") && At(s, "run").ToString() == "./build.sh PublishSet"));
        Assert.DoesNotContain(Steps(set), s => Has(s, "uses") && At(s, "uses").ToString().StartsWith("docker/setup-buildx-action", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_and_set_targets_can_be_chosen()
    {
        Assert.Equal(0, _harness.Run<OwnTargets>("PublishSet"));
        var jobs = At(Load(Workflow), "jobs");
        Assert.Equal("./build.sh Test PublishImage --images ${{ matrix.image }}", At(Steps(At(jobs, "publish-image")).Single(s => Has(s, "run")), "run").ToString());
        Assert.Equal("./build.sh PublishSet Verify", At(Steps(At(jobs, "publish")).Single(s => Has(s, "run")), "run").ToString());
    }

    [Fact]
    public void Every_action_is_pinned_by_commit_and_the_committed_file_passes_the_check_on_CI()
    {
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        var uses = File.ReadAllLines(Workflow).Where(l => l.TrimStart().StartsWith("- uses:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, l => Assert.Matches(@"- uses: [\w./-]+@[0-9a-f]{40} # v\d", l));

        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
    }

    [SkippableFact]
    public void The_workflow_split_by_image_passes_action_validator()
    {
        Skip.If(ActionValidator.Find() is null, ActionValidator.Missing);
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        ActionValidator.AssertValid(Workflow);
    }

    [Fact]
    public void A_committed_file_that_lost_an_image_of_the_set_fails_naming_it()
    {
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        File.WriteAllText(Workflow, File.ReadAllText(Workflow).Replace("          - contoso-worker\n", "", StringComparison.Ordinal));

        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(2, _harness.Run<PerImage>("PublishSet"));
        Assert.Contains(".github/workflows/publish.yml lost '- contoso-worker': an image of the release set, built by its own job", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_file_that_lost_the_hand_over_fails_naming_it()
    {
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        File.WriteAllText(Workflow, File.ReadAllText(Workflow).Replace("          path: artifacts/image-jobs\n", "", StringComparison.Ordinal));

        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(2, _harness.Run<PerImage>("PublishSet"));
        Assert.Contains("lost 'path: artifacts/image-jobs': the image jobs' hand-over to the final job (PublishSet reads artifacts/image-jobs/)", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_name_that_is_not_lower_case_is_a_usage_error_naming_it()
    {
        Assert.Equal(2, _harness.Run<UpperCaseName>("PublishSet"));
        Assert.Contains("[GitHubActions(\"publish\")] has ImageJobs entry 'Contoso.Worker': an image name is lower-case letters, digits", _harness.Output, StringComparison.Ordinal);
        Assert.False(Workflow.FileExists());
    }

    [Fact]
    public void An_empty_image_name_is_a_usage_error()
    {
        Assert.Equal(2, _harness.Run<EmptyName>("PublishSet"));
        Assert.Contains("[GitHubActions(\"publish\")] has ImageJobs entry '':", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_named_twice_is_a_usage_error()
    {
        Assert.Equal(2, _harness.Run<NameTwice>("PublishSet"));
        Assert.Contains("[GitHubActions(\"publish\")] names the image contoso-api twice in ImageJobs", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_by_platform_and_by_image_is_refused()
    {
        Assert.Equal(2, _harness.Run<ByPlatformAndImage>("PublishSet"));
        Assert.Contains("[GitHubActions(\"publish\")] sets both PlatformRunners and ImageJobs: a publish is split by platform or by image, not both", _harness.Output, StringComparison.Ordinal);
        Assert.False(Workflow.FileExists());
    }
}
