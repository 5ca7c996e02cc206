using Slipway.CI;
using Slipway.Common.Tests.Support;
using Slipway.IO;
using YamlDotNet.RepresentationModel;
using static Slipway.Common.Tests.CI.CiYaml;

namespace Slipway.Common.Tests.CI;

/// <summary><c>ImageJobs</c>: a <c>parallel:matrix</c> job per image, then the job that completes the release set with their artifacts.</summary>
public sealed class GitLabCiImageJobsTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitLabCi(ImageJobs = ["contoso-api", "contoso-worker"],
        Image = "mcr.microsoft.com/dotnet/sdk:10.0@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        Services = ["docker:27-dind@sha256:1111111111111111111111111111111111111111111111111111111111111111"],
        Variables = ["DOCKER_HOST=tcp://docker:2376", "SIGN_KEYLESS=true"], IdTokens = ["SIGSTORE_ID_TOKEN=sigstore"],
        ContainerScanningReport = "artifacts/trivy/gl-container-scanning-report.json", ArtifactPaths = ["artifacts/"], ScheduledTargets = ["Rescan"])]
    private sealed class PerImage : SlipwayBuild
    {
        Target PublishImage => _ => _.Executes(() => { });

        Target PublishSet => _ => _.Executes(() => { });

        Target Rescan => _ => _.Executes(() => { });
    }

    [GitLabCi(ImageJobs = ["contoso-api", "contoso-worker"], ArtifactPaths = ["artifacts/trivy/"])]
    private sealed class ReportsOnly : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitLabCi(ImageJobs = ["contoso-api", "contoso api"])]
    private sealed class NameWithSpace : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitLabCi(ImageJobs = ["contoso-worker", "contoso-worker"])]
    private sealed class NameTwice : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitLabCi(ImageJobs = ["contoso-api"], PlatformRunnerTags = ["linux/amd64=saas-linux-small-amd64", "linux/arm64=saas-linux-small-arm64"])]
    private sealed class ByPlatformAndImage : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    [GitLabCi(ImageJobs = ["contoso-api"], Variables = ["IMAGE=contoso"])]
    private sealed class OwnImageVariable : SlipwayBuild
    {
        Target PublishSet => _ => _.Executes(() => { });
    }

    private AbsolutePath Pipeline => _harness.Root / ".gitlab-ci.yml";

    private static string[] Items(YamlNode node) => [.. ((YamlSequenceNode)node).Select(n => n.ToString())];

    [Fact]
    public void Each_image_is_published_by_its_own_matrix_job_and_the_final_job_needs_them_with_their_artifacts()
    {
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        var pipeline = Load(Pipeline);

        Assert.Equal(["images", "publish"], Items(At(pipeline, "stages")));
        var image = At(pipeline, "publish-image");
        Assert.Equal("images", At(image, "stage").ToString());
        var matrix = (YamlMappingNode)((YamlSequenceNode)At(image, "parallel", "matrix")).Single();
        Assert.Equal(["contoso-api", "contoso-worker"], Items(At(matrix, "IMAGE")));
        Assert.Equal(["./build.sh PublishImage --images \"$IMAGE\""], Items(At(image, "script")));
        Assert.Equal(["artifacts/"], Items(At(image, "artifacts", "paths")));
        Assert.Equal("always", At(image, "artifacts", "when").ToString());
        Assert.Equal("artifacts/trivy/gl-container-scanning-report.json", At(image, "artifacts", "reports", "container_scanning").ToString());
        Assert.Equal("true", At(image, "variables", "SIGN_KEYLESS").ToString());

        var set = At(pipeline, "publish");
        Assert.Equal("publish", At(set, "stage").ToString());
        var needs = (YamlMappingNode)((YamlSequenceNode)At(set, "needs")).Single();
        Assert.Equal("publish-image", At(needs, "job").ToString());
        Assert.Equal("true", At(needs, "artifacts").ToString());
        Assert.Equal(["./build.sh PublishSet"], Items(At(set, "script")));
        Assert.Equal("sigstore", At(set, "id_tokens", "SIGSTORE_ID_TOKEN", "aud").ToString());
        // Each image job reported its own scan; the final job scans nothing and does not report a downloaded one again.
        Assert.Equal(["artifacts/"], Items(At(set, "artifacts", "paths")));
        Assert.False(Has(At(set, "artifacts"), "reports"));
        Assert.Equal(["./build.sh Rescan"], Items(At(pipeline, "rescan", "script")));

        _harness.Environment["GITLAB_CI"] = "true";
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
    }

    [Fact]
    public void The_image_jobs_keep_their_hand_over_when_the_artifact_paths_do_not_hold_it()
    {
        Assert.Equal(0, _harness.Run<ReportsOnly>("PublishSet"));
        var pipeline = Load(Pipeline);

        Assert.Equal(["artifacts/trivy/", "artifacts/image-jobs/"], Items(At(pipeline, "publish-image", "artifacts", "paths")));
        Assert.Equal(["artifacts/trivy/"], Items(At(pipeline, "publish", "artifacts", "paths")));
    }

    [SkippableFact]
    public void The_pipeline_split_by_image_passes_GitLabs_schema_and_lists_one_job_per_image()
    {
        Skip.If(GitLabSchema.Find() is null, GitLabSchema.Missing);
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));

        var jobs = GitLabSchema.AssertValid(_harness.Root);

        Assert.Contains("publish-image: [contoso-api]", jobs, StringComparison.Ordinal);
        Assert.Contains("publish-image: [contoso-worker]", jobs, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_schema_check_fails_a_pipeline_with_an_unknown_job_keyword()
    {
        Skip.If(GitLabSchema.Find() is null, GitLabSchema.Missing);
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        File.WriteAllText(Pipeline, File.ReadAllText(Pipeline).Replace("  stage: images\n", "  stage: images\n  matrix: [contoso-api]\n", StringComparison.Ordinal));

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GitLabSchema.AssertValid(_harness.Root));
    }

    [Fact]
    public void A_committed_file_that_lost_an_image_of_the_set_fails_naming_it()
    {
        Assert.Equal(0, _harness.Run<PerImage>("PublishSet"));
        File.WriteAllText(Pipeline, File.ReadAllText(Pipeline).Replace("          - contoso-api\n", "", StringComparison.Ordinal));

        _harness.Environment["GITLAB_CI"] = "true";
        Assert.Equal(2, _harness.Run<PerImage>("PublishSet"));
        Assert.Contains(".gitlab-ci.yml lost '- contoso-api': an image of the release set, built by its own job", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_name_with_a_space_is_a_usage_error_naming_it()
    {
        Assert.Equal(2, _harness.Run<NameWithSpace>("PublishSet"));
        Assert.Contains("[GitLabCi] has ImageJobs entry 'contoso api': an image name is lower-case letters, digits", _harness.Output, StringComparison.Ordinal);
        Assert.False(Pipeline.FileExists());
    }

    [Fact]
    public void An_image_named_twice_is_a_usage_error()
    {
        Assert.Equal(2, _harness.Run<NameTwice>("PublishSet"));
        Assert.Contains("[GitLabCi] names the image contoso-worker twice in ImageJobs", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_by_platform_and_by_image_is_refused()
    {
        Assert.Equal(2, _harness.Run<ByPlatformAndImage>("PublishSet"));
        Assert.Contains("[GitLabCi] sets both PlatformRunnerTags and ImageJobs: a publish is split by platform or by image, not both", _harness.Output, StringComparison.Ordinal);
        Assert.False(Pipeline.FileExists());
    }

    [Fact]
    public void A_variable_named_IMAGE_is_refused_because_the_matrix_sets_it()
    {
        Assert.Equal(2, _harness.Run<OwnImageVariable>("PublishSet"));
        Assert.Contains("[GitLabCi] sets the variable IMAGE in Variables", _harness.Output, StringComparison.Ordinal);
    }
}
