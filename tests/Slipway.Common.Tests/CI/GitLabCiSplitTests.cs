using Slipway.CI;
using Slipway.Common.Tests.Support;
using YamlDotNet.RepresentationModel;
using static Slipway.Common.Tests.CI.CiYaml;

namespace Slipway.Common.Tests.CI;

/// <summary><c>PlatformRunnerTags</c>: a <c>parallel:matrix</c> job per platform on tagged runners, then the merge job.</summary>
public sealed class GitLabCiSplitTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitLabCi(PlatformRunnerTags = ["linux/amd64=saas-linux-small-amd64", "linux/arm64=saas-linux-small-arm64"],
        Image = "mcr.microsoft.com/dotnet/sdk:10.0@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        ContainerScanningReport = "artifacts/trivy/gl-container-scanning-report.json", ArtifactPaths = ["artifacts/"])]
    private sealed class Split : SlipwayBuild
    {
        Target PublishPlatform => _ => _.Executes(() => { });

        Target PublishIndex => _ => _.Executes(() => { });
    }

    [Fact]
    public void Platform_jobs_run_on_runners_tagged_per_platform_and_the_merge_job_needs_them_with_their_artifacts()
    {
        Assert.Equal(0, _harness.Run<Split>("PublishIndex"));
        var pipeline = Load(_harness.Root / ".gitlab-ci.yml");

        Assert.Equal(["platforms", "publish"], ((YamlSequenceNode)At(pipeline, "stages")).Select(s => s.ToString()));
        var platform = At(pipeline, "publish-platform");
        Assert.Equal("platforms", At(platform, "stage").ToString());
        var matrix = ((YamlSequenceNode)At(platform, "parallel", "matrix")).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["linux/amd64", "linux/arm64"], matrix.Select(m => At(m, "PLATFORM").ToString()));
        Assert.Equal(["saas-linux-small-amd64", "saas-linux-small-arm64"], matrix.Select(m => At(m, "RUNNER_TAG").ToString()));
        Assert.Equal(["$RUNNER_TAG"], ((YamlSequenceNode)At(platform, "tags")).Select(t => t.ToString()));
        Assert.Equal(["./build.sh PublishPlatform --platforms \"$PLATFORM\""], ((YamlSequenceNode)At(platform, "script")).Select(t => t.ToString()));
        Assert.Equal("artifacts/trivy/gl-container-scanning-report.json", At(platform, "artifacts", "reports", "container_scanning").ToString());

        var merge = At(pipeline, "publish");
        Assert.Equal("publish", At(merge, "stage").ToString());
        var needs = (YamlMappingNode)((YamlSequenceNode)At(merge, "needs")).Single();
        Assert.Equal("publish-platform", At(needs, "job").ToString());
        Assert.Equal("true", At(needs, "artifacts").ToString());
        Assert.Equal(["./build.sh PublishIndex"], ((YamlSequenceNode)At(merge, "script")).Select(t => t.ToString()));

        _harness.Environment["GITLAB_CI"] = "true";
        Assert.Equal(0, _harness.Run<Split>("PublishIndex"));
    }
}
