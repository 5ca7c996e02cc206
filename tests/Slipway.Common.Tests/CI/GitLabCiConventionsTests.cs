using Slipway.CI;
using Slipway.Common.Tests.Support;
using YamlDotNet.RepresentationModel;
using static Slipway.Common.Tests.CI.CiYaml;

namespace Slipway.Common.Tests.CI;

/// <summary>The GitLab conventions of issue 22: interruptible but not on tags, timeout, release tags only, id_tokens, caches, cosign and the docker client from dind.</summary>
public sealed class GitLabCiConventionsTests : IDisposable
{
    private const string Cosign = "783b5d6c74105401c63946c68d9b2a4e1aab3c8abce043e06b8510b02b623ec9";
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitLabCi(InvokedTargets = ["Publish"], ScheduledTargets = ["Rescan"],
        Services = ["docker:27-dind@sha256:1111111111111111111111111111111111111111111111111111111111111111"], DockerClientFromService = true,
        IdTokens = ["SIGSTORE_ID_TOKEN=sigstore"], CosignRelease = "v2.5.3", CosignSha256 = Cosign,
        NuGetPackages = ".nuget/packages", TrivyCache = ".nuke/temp/trivy-cache", Timeout = "45 minutes",
        BeforeScript = ["docker buildx create --name slipway"])]
    private sealed class Conventional : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });

        Target Rescan => _ => _.Executes(() => { });
    }

    [GitLabCi(InvokedTargets = ["Publish"])]
    private sealed class Plain : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitLabCi(InvokedTargets = ["Publish"], CosignRelease = "v2.5.3")]
    private sealed class CosignWithoutChecksum : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitLabCi(InvokedTargets = ["Publish"], TrivyCache = "../trivy")]
    private sealed class CacheOutsideTheProject : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    private YamlMappingNode Pipeline() => Load(_harness.Root / ".gitlab-ci.yml");

    public static TheoryData<string, string[], string[]> Pipelines => new()
    {
        { "a release tag", ["CI_PIPELINE_SOURCE=push", "CI_COMMIT_TAG=v1.4.2"], ["publish"] },
        { "another tag: no pipeline", ["CI_PIPELINE_SOURCE=push", "CI_COMMIT_TAG=nightly-1"], [] },
        { "a push to main", ["CI_PIPELINE_SOURCE=push", "CI_COMMIT_BRANCH=main"], ["publish"] },
        { "a merge request", ["CI_PIPELINE_SOURCE=merge_request_event", "CI_MERGE_REQUEST_IID=7"], ["publish"] },
        { "a schedule", ["CI_PIPELINE_SOURCE=schedule", "CI_COMMIT_BRANCH=main"], ["rescan"] },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Only_release_tags_start_a_tag_pipeline(string pipeline, string[] variables, string[] jobs)
    {
        Assert.Equal(0, _harness.Run<Conventional>("Publish"));
        var actual = GitLabRules.Jobs(Pipeline(), GitLabRules.Variables(variables));
        Assert.True(jobs.SequenceEqual(actual), $"{pipeline}: expected [{string.Join(", ", jobs)}], got [{string.Join(", ", actual)}]");
    }

    [Fact]
    public void Jobs_are_interruptible_except_in_a_tag_pipeline_and_have_a_timeout()
    {
        Assert.Equal(0, _harness.Run<Conventional>("Publish"));
        foreach (var job in new[] { "publish", "rescan" })
        {
            Assert.Equal("true", At(Pipeline(), job, "interruptible").ToString());
            Assert.Equal("45 minutes", At(Pipeline(), job, "timeout").ToString());
            var first = (YamlMappingNode)At(Pipeline(), job, "rules", 0);
            Assert.StartsWith("$CI_COMMIT_TAG && ", At(first, "if").ToString(), StringComparison.Ordinal);
            Assert.Equal("false", At(first, "interruptible").ToString());
        }
    }

    [Fact]
    public void A_job_without_rules_gets_the_tag_rule_and_a_rule_for_every_other_pipeline()
    {
        Assert.Equal(0, _harness.Run<Plain>("Publish"));
        var rules = (YamlSequenceNode)At(Pipeline(), "publish", "rules");
        Assert.Equal("$CI_COMMIT_TAG", At(rules, 0, "if").ToString());
        Assert.Equal("false", At(rules, 0, "interruptible").ToString());
        Assert.Equal("on_success", At(rules, 1, "when").ToString());
        Assert.False(Has(rules[1], "if"));
        Assert.Equal(["publish"], GitLabRules.Jobs(Pipeline(), GitLabRules.Variables(["CI_PIPELINE_SOURCE=push", "CI_COMMIT_BRANCH=main"])));
        Assert.False(Has(At(Pipeline(), "publish"), "cache"));
        Assert.False(Has(At(Pipeline(), "publish"), "timeout"));
    }

    [Fact]
    public void Keyless_signing_gets_the_sigstore_token_and_a_checksum_verified_cached_cosign()
    {
        Assert.Equal(0, _harness.Run<Conventional>("Publish"));
        Assert.Equal("sigstore", At(Pipeline(), "publish", "id_tokens", "SIGSTORE_ID_TOKEN", "aud").ToString());
        var script = ((YamlSequenceNode)At(Pipeline(), "publish", "before_script")).Select(n => n.ToString()).ToList();
        var install = script.FindIndex(l => l.Contains("releases/download/v2.5.3/cosign-linux-amd64", StringComparison.Ordinal));
        Assert.True(install >= 0, string.Join('\n', script));
        Assert.StartsWith("test -f .nuke/temp/ci-tools/cosign-v2.5.3/cosign || ", script[install], StringComparison.Ordinal);
        Assert.StartsWith($"echo '{Cosign}  .nuke/temp/ci-tools/cosign-v2.5.3/cosign' | sha256sum -c - && ", script[install + 1], StringComparison.Ordinal);
        Assert.Equal("docker buildx create --name slipway", script[^1]);
        var cache = (YamlSequenceNode)At(Pipeline(), "publish", "cache");
        Assert.Contains(cache, c => At(c, "key").ToString() == "cosign-v2.5.3" && At(c, "paths", 0).ToString() == ".nuke/temp/ci-tools/cosign-v2.5.3/");
    }

    [Fact]
    public void NuGet_packages_live_in_the_project_and_are_cached_by_the_files_that_pin_them_and_trivy_keeps_its_database()
    {
        Assert.Equal(0, _harness.Run<Conventional>("Publish"));
        Assert.Equal("$CI_PROJECT_DIR/.nuget/packages", At(Pipeline(), "publish", "variables", "NUGET_PACKAGES").ToString());
        var cache = (YamlSequenceNode)At(Pipeline(), "publish", "cache");
        var nuget = cache.Single(c => At(c, "key") is YamlMappingNode);
        Assert.Equal("nuget", At(nuget, "key", "prefix").ToString());
        Assert.Equal(["Directory.Packages.props", "global.json"], ((YamlSequenceNode)At(nuget, "key", "files")).Select(n => n.ToString()));
        Assert.Equal(".nuget/packages/", At(nuget, "paths", 0).ToString());
        Assert.Contains(cache, c => At(c, "key") is YamlScalarNode { Value: "trivy-db" } && At(c, "paths", 0).ToString() == ".nuke/temp/trivy-cache/");
    }

    [Fact]
    public void The_docker_client_comes_from_the_pinned_dind_service_not_from_a_download()
    {
        Assert.Equal(0, _harness.Run<Conventional>("Publish"));
        var service = (YamlMappingNode)At(Pipeline(), "publish", "services", 0);
        Assert.Equal("docker", At(service, "alias").ToString());
        var entrypoint = ((YamlSequenceNode)At(service, "entrypoint")).Select(n => n.ToString()).ToList();
        Assert.Equal(["sh", "-c"], entrypoint.Take(2));
        Assert.Contains("cp /usr/local/bin/docker /usr/local/libexec/docker/cli-plugins/docker-buildx /certs/client/bin/", entrypoint[2], StringComparison.Ordinal);
        Assert.EndsWith("exec dockerd-entrypoint.sh", entrypoint[2], StringComparison.Ordinal);
        var script = string.Join('\n', ((YamlSequenceNode)At(Pipeline(), "publish", "before_script")).Select(n => n.ToString()));
        Assert.Contains("export PATH=\"/certs/client/bin:$PATH\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("apt-get", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosign_without_its_checksum_fails_the_run_naming_the_property()
    {
        Assert.NotEqual(0, _harness.Run<CosignWithoutChecksum>("Publish"));
        Assert.Contains("CosignSha256", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cache_outside_the_project_directory_fails_the_run_naming_the_property()
    {
        Assert.NotEqual(0, _harness.Run<CacheOutsideTheProject>("Publish"));
        Assert.Contains("TrivyCache '../trivy'", _harness.Output, StringComparison.Ordinal);
    }
}
