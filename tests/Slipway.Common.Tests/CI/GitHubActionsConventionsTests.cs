using Slipway.CI;
using Slipway.Common.Tests.Support;
using Slipway.IO;
using YamlDotNet.RepresentationModel;

namespace Slipway.Common.Tests.CI;

/// <summary>Caches, concurrency and the publishing guard of a generated workflow.</summary>
public sealed class GitHubActionsConventionsTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitHubActions("publish", InvokedTargets = ["Publish"], Permissions = ["contents: read", "packages: write", "id-token: write"], SetupBuildx = true,
        InstallCosign = true, TrivyCacheDirectory = ".nuke/temp/trivy-cache", ReleaseEnvironment = "release")]
    [GitHubActions("split", PlatformRunners = ["linux/amd64=ubuntu-24.04", "linux/arm64=ubuntu-24.04-arm"], SetupBuildx = true,
        TrivyCacheDirectory = ".nuke/temp/trivy-cache", ReleaseEnvironment = "release")]
    private sealed class WithConventions : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitHubActions("odd", InvokedTargets = ["Publish"], OnPushTags = ["release-[0-9]*"])]
    private sealed class WithGlobTags : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    private AbsolutePath Workflow(string name) => _harness.Root / $".github/workflows/{name}.yml";

    private YamlMappingNode Job(string workflow, string job) => (YamlMappingNode)CiYaml.At(CiYaml.Load(Workflow(workflow)), "jobs", job);

    private static List<YamlMappingNode> Steps(YamlMappingNode job) => [.. ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>()];

    private static YamlMappingNode Uses(YamlMappingNode job, string action) =>
        Steps(job).Single(s => CiYaml.Has(s, "uses") && s["uses"].ToString().StartsWith(action + "@", StringComparison.Ordinal) && !s["uses"].ToString().Contains("cache", StringComparison.Ordinal) == !action.EndsWith("cache", StringComparison.Ordinal));

    [Fact]
    public void The_SDK_comes_from_global_json_and_NuGet_packages_are_cached_by_the_files_that_pin_them()
    {
        Assert.Equal(0, _harness.Run<WithConventions>("Publish"));
        var job = Job("publish", "publish");
        Assert.Equal("global.json", CiYaml.At(Uses(job, "actions/setup-dotnet"), "with", "global-json-file").ToString());
        var caches = Steps(job).Where(s => CiYaml.Has(s, "uses") && s["uses"].ToString().StartsWith("actions/cache@", StringComparison.Ordinal)).ToList();
        var nuget = caches.Single(c => CiYaml.At(c, "with", "path").ToString() == "~/.nuget/packages");
        Assert.Equal("nuget-${{ runner.os }}-${{ runner.arch }}-${{ hashFiles('**/Directory.Packages.props', '**/*.csproj', 'global.json') }}",
            CiYaml.At(nuget, "with", "key").ToString());
    }

    [Fact]
    public void The_Trivy_database_is_cached_by_day_in_the_directory_the_scan_is_told_to_use()
    {
        Assert.Equal(0, _harness.Run<WithConventions>("Publish"));
        var steps = Steps(Job("publish", "publish"));
        var trivy = steps.Single(s => CiYaml.Has(s, "with") && CiYaml.Has(s["with"], "path") && CiYaml.At(s, "with", "path").ToString() == ".nuke/temp/trivy-cache");
        Assert.Equal("trivy-db-${{ steps.trivy-db.outputs.date }}", CiYaml.At(trivy, "with", "key").ToString());
        Assert.Contains("date -u +%Y-%m-%d", steps.Single(s => CiYaml.Has(s, "id") && s["id"].ToString() == "trivy-db")["run"].ToString(), StringComparison.Ordinal);
        var build = steps.Single(s => CiYaml.Has(s, "run") && s["run"].ToString() == "./build.sh Publish");
        Assert.Equal(".nuke/temp/trivy-cache", CiYaml.At(build, "env", "TRIVY_CACHE_DIR").ToString());
        Assert.True(steps.IndexOf(trivy) < steps.IndexOf(build));
    }

    [Fact]
    public void Buildx_runs_a_BuildKit_pinned_by_digest()
    {
        Assert.Equal(0, _harness.Run<WithConventions>("Publish"));
        var buildx = Uses(Job("publish", "publish"), "docker/setup-buildx-action");
        Assert.Matches(@"^image=moby/buildkit:v[\d.]+@sha256:[0-9a-f]{64}$", CiYaml.At(buildx, "with", "driver-opts").ToString());
    }

    [Fact]
    public void Pull_request_runs_cancel_their_predecessor_and_other_runs_never_do()
    {
        Assert.Equal(0, _harness.Run<WithConventions>("Publish"));
        var workflow = CiYaml.Load(Workflow("publish"));
        Assert.Equal("${{ github.workflow }}-${{ github.ref }}", CiYaml.At(workflow, "concurrency", "group").ToString());
        Assert.Equal("${{ github.event_name == 'pull_request' }}", CiYaml.At(workflow, "concurrency", "cancel-in-progress").ToString());
    }

    [Fact]
    public void A_manual_run_publishes_only_from_the_default_branch_or_a_release_tag_and_only_releases_get_the_environment()
    {
        Assert.Equal(0, _harness.Run<WithConventions>("Publish"));
        var job = Job("publish", "publish");
        Assert.Equal(
            "github.event_name != 'workflow_dispatch' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch) || startsWith(github.ref, 'refs/tags/v')",
            job["if"].ToString());
        Assert.Equal("${{ (startsWith(github.ref, 'refs/tags/v')) && 'release' || '' }}", job["environment"].ToString());

        // Split: every job is guarded, and only the merge job (which tags and signs) gets the environment.
        var platform = Job("split", "split-platform");
        var merge = Job("split", "split");
        Assert.Equal(job["if"].ToString(), platform["if"].ToString());
        Assert.Equal(job["if"].ToString(), merge["if"].ToString());
        Assert.False(CiYaml.Has(platform, "environment"));
        Assert.True(CiYaml.Has(merge, "environment"));
    }

    [Fact]
    public void A_tag_pattern_the_guard_cannot_express_is_a_usage_error_naming_it()
    {
        Assert.Equal(2, _harness.Run<WithGlobTags>("Publish"));
        Assert.Contains("OnPushTags 'release-[0-9]*'", _harness.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_workflows_with_caches_guards_and_environment_pass_action_validator()
    {
        Skip.If(ActionValidator.Find() is null, ActionValidator.Missing);
        Assert.Equal(0, _harness.Run<WithConventions>("Publish"));
        ActionValidator.AssertValid(Workflow("publish"));
        ActionValidator.AssertValid(Workflow("split"));
    }
}
