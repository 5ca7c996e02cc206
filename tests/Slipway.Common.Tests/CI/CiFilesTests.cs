using System.Text.RegularExpressions;
using Slipway.CI;
using Slipway.Common.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Slipway.Common.Tests.CI;

public sealed class CiFilesTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitHubActions("publish", InvokedTargets = ["Publish"], Permissions = ["contents: read", "packages: write", "security-events: write"],
        Secrets = ["REGISTRY_PASSWORD"], SetupBuildx = true, SarifFile = "artifacts/trivy/trivy.sarif", ArtifactPaths = ["artifacts/"])]
    [GitLabCi(InvokedTargets = ["Publish"], Image = "mcr.microsoft.com/dotnet/sdk:10.0@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        Services = ["docker:27-dind@sha256:1111111111111111111111111111111111111111111111111111111111111111"],
        Variables = ["DOCKER_HOST=tcp://docker:2376", "DOCKER_TLS_CERTDIR=/certs"], BeforeScript = ["apt-get update -q"],
        ContainerScanningReport = "artifacts/trivy/gl-container-scanning-report.json", ArtifactPaths = ["artifacts/"])]
    private sealed class WithCi : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitLabCi(InvokedTargets = ["Publish"], AvoidDuplicatePipelines = false)]
    private sealed class WithBranchAndTagPipelinesOnly : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    private YamlMappingNode Load(string path) => CiYaml.Load(_harness.Root / path);

    private static YamlNode At(YamlNode node, params object[] path) => CiYaml.At(node, path);

    [Fact]
    public void A_local_run_writes_a_GitHub_workflow_that_parses_and_runs_the_build()
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        var workflow = Load(".github/workflows/publish.yml");
        Assert.Equal("v*", At(workflow, "on", "push", "tags", 0).ToString());
        var steps = (YamlSequenceNode)At(workflow, "jobs", "publish", "steps");
        Assert.Equal("0", At(steps, 0, "with", "fetch-depth").ToString());
        Assert.Contains(steps, s => s is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("run"), out var run) && run.ToString() == "./build.sh Publish");
        var build = steps.Cast<YamlMappingNode>().Single(s => s.Children.ContainsKey(new YamlScalarNode("run")) && s["run"].ToString() == "./build.sh Publish");
        Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", At(build, "env", "REGISTRY_PASSWORD").ToString());
        Assert.Equal("write", At(workflow, "jobs", "publish", "permissions", "packages").ToString());
    }

    [Fact]
    public void A_local_run_writes_a_GitLab_pipeline_with_full_history_and_the_scanning_report()
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        var pipeline = Load(".gitlab-ci.yml");
        Assert.Equal("0", At(pipeline, "publish", "variables", "GIT_DEPTH").ToString());
        Assert.Equal("tcp://docker:2376", At(pipeline, "publish", "variables", "DOCKER_HOST").ToString());
        Assert.Equal("./build.sh Publish", At(pipeline, "publish", "script", 0).ToString());
        Assert.Equal("artifacts/trivy/gl-container-scanning-report.json", At(pipeline, "publish", "artifacts", "reports", "container_scanning").ToString());
    }

    [Fact]
    public void The_GitLab_pipeline_has_the_documented_workflow_rules_that_switch_between_branch_and_merge_request_pipelines()
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        var pipeline = Load(".gitlab-ci.yml");
        var rules = ((YamlSequenceNode)At(pipeline, "workflow", "rules")).Cast<YamlMappingNode>().ToList();
        Assert.Equal(
            [
                ("$CI_PIPELINE_SOURCE == \"merge_request_event\"", null),
                ("$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "never"),
                ("$CI_COMMIT_BRANCH", null),
                ("$CI_COMMIT_TAG =~ /^v/", null),
            ],
            rules.Select(r => (At(r, "if").ToString(), r.Children.TryGetValue(new YamlScalarNode("when"), out var when) ? when.ToString() : null)));
        Assert.All(rules, r => Assert.Equal(r.Children.ContainsKey(new YamlScalarNode("when")) ? 2 : 1, r.Children.Count));
        // With workflow:rules the job runs in every pipeline they let through, merge requests included: its own rules only
        // make a tag pipeline uninterruptible, then let every other pipeline in.
        Assert.Equal("on_success", At(pipeline, "publish", "rules", 1, "when").ToString());
    }

    public static TheoryData<string, string[], bool> Pipelines => new()
    {
        { "a push to a branch without a merge request", ["CI_PIPELINE_SOURCE=push", "CI_COMMIT_BRANCH=feature/login"], true },
        { "a push to a branch with an open merge request", ["CI_PIPELINE_SOURCE=push", "CI_COMMIT_BRANCH=feature/login", "CI_OPEN_MERGE_REQUESTS=acme/orders!7"], false },
        { "the merge request's pipeline for that push", ["CI_PIPELINE_SOURCE=merge_request_event", "CI_MERGE_REQUEST_IID=7", "CI_OPEN_MERGE_REQUESTS=acme/orders!7"], true },
        { "a push to main", ["CI_PIPELINE_SOURCE=push", "CI_COMMIT_BRANCH=main"], true },
        { "a tag", ["CI_PIPELINE_SOURCE=push", "CI_COMMIT_TAG=v1.4.2"], true },
        { "a schedule on main", ["CI_PIPELINE_SOURCE=schedule", "CI_COMMIT_BRANCH=main"], true },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void The_workflow_rules_create_one_pipeline_per_change(string pipeline, string[] variables, bool created)
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        // GitLab's evaluation: the first rule whose if matches decides, when: never drops the pipeline, no match creates none.
        var isCreated = GitLabRules.CreatesPipeline(Load(".gitlab-ci.yml"), GitLabRules.Variables(variables));
        Assert.True(created == isCreated, $"{pipeline}: expected {(created ? "a pipeline" : "no pipeline")}");
    }

    [Fact]
    public void Without_AvoidDuplicatePipelines_the_GitLab_pipeline_has_no_workflow_block()
    {
        Assert.Equal(0, _harness.Run<WithBranchAndTagPipelinesOnly>("Publish"));
        var pipeline = Load(".gitlab-ci.yml");
        Assert.False(pipeline.Children.ContainsKey(new YamlScalarNode("workflow")));
        Assert.Equal("./build.sh Publish", At(pipeline, "publish", "script", 0).ToString());
        Assert.DoesNotContain("CI_OPEN_MERGE_REQUESTS", (_harness.Root / ".gitlab-ci.yml").ReadAllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_action_is_pinned_by_commit_and_nothing_says_latest()
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        var text = (_harness.Root / ".github/workflows/publish.yml").ReadAllText() + (_harness.Root / ".gitlab-ci.yml").ReadAllText();
        var uses = Regex.Matches(text, @"uses: (\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(6, uses.Count); // checkout, setup-dotnet, the NuGet cache, buildx, SARIF, artifacts
        Assert.All(uses, u => Assert.Matches(@"@[0-9a-f]{40}$", u));
        Assert.DoesNotContain("latest", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_second_local_run_leaves_up_to_date_files_alone()
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        var file = _harness.Root / ".gitlab-ci.yml";
        var written = File.GetLastWriteTimeUtc(file);
        Thread.Sleep(20);
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.DoesNotContain(".gitlab-ci.yml", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void On_CI_a_pipeline_that_lost_its_build_step_fails_naming_it_and_is_never_rewritten()
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        var file = _harness.Root / ".gitlab-ci.yml";
        file.WriteAllText(file.ReadAllText().Replace("./build.sh Publish", "./build.sh Pack", StringComparison.Ordinal));
        _harness.Environment["GITLAB_CI"] = "true";
        Assert.Equal(2, _harness.Run<WithCi>("Publish"));
        Assert.Contains(".gitlab-ci.yml lost '- ./build.sh Publish': the step that runs the build", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("./build.sh Pack", file.ReadAllText(), StringComparison.Ordinal); // CI never rewrites
    }

    [Fact]
    public void On_CI_up_to_date_files_pass()
    {
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, _harness.Run<WithCi>("Publish"));
    }

    [Fact]
    public void On_CI_a_missing_file_fails_the_build()
    {
        _harness.Environment["CI"] = "true";
        Assert.Equal(2, _harness.Run<WithCi>("Publish"));
        Assert.Contains(".github/workflows/publish.yml is missing", _harness.Output, StringComparison.Ordinal);
    }
}
