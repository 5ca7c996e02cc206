using Slipway.Components.Destination;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Registry;
using Slipway.IO;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// A generated service in CI as the runners lay it out: pull and merge requests push nothing, each CI's own registry
/// is the default, the login comes before the first registry access, and bad input stops the build before any target.
/// </summary>
[Collection(GeneratedServicePrunedBuilderCollection.Name)]
public sealed class CiContextTests(GeneratedService service)
{
    // A copy whose .nuke/parameters.json names no registry (as `dotnet new slipway` without --registry writes it), committed.
    private AbsolutePath CopyWithoutRegistry(string name, string branch = "main")
    {
        var copy = service.Copy(name);
        if (branch != "main") Commands.Git(copy, "checkout", "--quiet", "-b", branch);
        var parameters = copy / ".nuke" / "parameters.json";
        File.WriteAllLines(parameters, File.ReadAllLines(parameters).Where(l => !l.Contains("\"Registry\"", StringComparison.Ordinal)));
        File.AppendAllText(copy / "src" / "Acme.Orders" / "Program.cs", $"{Environment.NewLine}// {name}{Environment.NewLine}");
        Commands.Git(copy, "commit", "--quiet", "--all", "--message", $"No registry configured ({name})");
        return copy;
    }

    [SkippableFact]
    public void GitHub_pull_request_builds_and_scans_for_ghcr_of_the_owner_and_pushes_nothing()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var copy = CopyWithoutRegistry("pull-request", "feature/login");
        var ci = CiCheckout.GitHubPullRequest(copy, CiCheckout.BareOrigin(copy), 7, "feature/login");
        var before = RemoteImages.Tags(service.Registry + "/acme-orders");

        var run = service.PublishImage(copy, environment: ci.Environment);

        Expect.Succeeded(run);
        var output = Commands.Text(run);
        Assert.Matches(@"TrivyScan\s+Succeeded", output);
        Assert.Contains("pull request #7: image built and scanned, not pushed", output, StringComparison.Ordinal);
        Assert.Contains("pull request #7: image built and scanned, not pushed", File.ReadAllText(ci.StepSummary!), StringComparison.Ordinal);
        Assert.Contains("registry cache ghcr.io/acme/acme-orders:buildcache-", output, StringComparison.Ordinal); // the computed destination
        Assert.DoesNotContain("docker push", output, StringComparison.Ordinal);
        Assert.Equal(before, RemoteImages.Tags(service.Registry + "/acme-orders"));
    }

    [SkippableFact]
    public void Push_pull_requests_for_a_fork_fails_before_any_target_naming_the_fork_and_its_read_only_token()
    {
        Expect.Docker();
        var copy = CopyWithoutRegistry("fork", "feature/fork");
        var ci = CiCheckout.GitHubPullRequest(copy, CiCheckout.BareOrigin(copy), 8, "feature/fork", headRepository: "mallory/orders");

        var run = service.PublishImage(copy, ["--push-pull-requests"], ci.Environment);

        var output = Commands.Text(run);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fork mallory/orders", output, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN is read-only", output, StringComparison.Ordinal);
        Assert.DoesNotContain("── Restore", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void GitLab_merge_request_pipeline_builds_and_scans_and_pushes_nothing()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var copy = CopyWithoutRegistry("merge-request", "feature/mr");
        var registryImage = $"{service.Registry}-mr/orders";
        var ci = CiCheckout.GitLabMergeRequest(copy, CiCheckout.BareOrigin(copy), 12, "feature/mr", registryImage);

        var run = service.PublishImage(copy, environment: ci.Environment);

        Expect.Succeeded(run);
        var output = Commands.Text(run);
        Assert.Contains("merge request !12: image built and scanned, not pushed", output, StringComparison.Ordinal);
        Assert.Empty(RemoteImages.Tags(registryImage));
    }

    [SkippableFact]
    public void GitLab_jobs_without_a_registry_push_to_CI_REGISTRY_IMAGE_and_a_second_job_on_a_pruned_builder_reuses_its_restore_layer()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var registryImage = $"{service.Registry}-gitlab/orders";
        var first = CopyWithoutRegistry("gitlab-1");
        var firstJob = CiCheckout.GitLabBranchPipeline(first, CiCheckout.BareOrigin(first), "main", registryImage);

        var run = service.PublishImage(first, environment: firstJob.Environment);

        Expect.Succeeded(run);
        var commit = Commands.Git(first, "rev-parse", "HEAD");
        Assert.Contains("sha-" + commit[..7], RemoteImages.Tags(registryImage));
        Assert.Equal(commit, RemoteImages.Revision(registryImage, "sha-" + commit[..7]));
        Assert.Contains("Logged in to localhost:5000 as user 'gitlab-ci-token' (from CI_REGISTRY_USER/CI_REGISTRY_PASSWORD)", Commands.Text(run), StringComparison.Ordinal);
        using (var client = new RegistryClient())
            Assert.NotNull(client.GetDigestAsync(ImageRepository.Parse(registryImage), GeneratedService.MainCacheTag, null).GetAwaiter().GetResult());

        // The next commit's job on a builder with an empty cache (as on a fresh Docker-in-Docker service).
        var second = service.Copy("gitlab-2");
        Commands.Git(second, "fetch", "--quiet", first, "main");
        Commands.Git(second, "reset", "--quiet", "--hard", "FETCH_HEAD");
        File.AppendAllText(second / "src" / "Acme.Orders" / "Program.cs", $"{Environment.NewLine}// the second job{Environment.NewLine}");
        Commands.Git(second, "commit", "--quiet", "--all", "--message", "Second job");
        var secondJob = CiCheckout.GitLabBranchPipeline(second, CiCheckout.BareOrigin(second), "main", registryImage);
        using (BuildCacheLock.Exclusive()) Commands.Docker("builder", "prune", "--all", "--force");

        var rerun = service.PublishImage(second, environment: secondJob.Environment);

        Expect.Succeeded(rerun);
        Assert.Contains("restore layer: cached", Commands.Text(rerun), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_registry_that_requires_a_login_gets_the_build_cache_and_the_push_and_a_wrong_password_fails_at_once()
    {
        Expect.Docker();
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed (tests/infra/container-env.sh installs it)");
        Expect.Succeeded(service.FirstPublish!);
        const string password = "Correct-Horse-7";
        using var registry = new OwnRegistry(("deployer", password));
        registry.Start();
        var copy = service.Copy("htpasswd");
        string[] arguments = ["--registry", $"{registry.Host}/team"];

        var wrong = service.PublishImage(copy, arguments, new Dictionary<string, string> { ["REGISTRY_USERNAME"] = "deployer", ["REGISTRY_PASSWORD"] = "Wrong-Horse-8" });

        var wrongOutput = Commands.Text(wrong);
        Assert.True(wrong.ExitCode != 0, wrongOutput);
        Assert.Contains($"docker login {registry.Host} as user 'deployer'", wrongOutput, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_USERNAME/REGISTRY_PASSWORD", wrongOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("retry", wrongOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Horse-8", wrongOutput, StringComparison.Ordinal);

        var right = service.PublishImage(copy, arguments, new Dictionary<string, string> { ["REGISTRY_USERNAME"] = "deployer", ["REGISTRY_PASSWORD"] = password });

        Expect.Succeeded(right);
        Assert.DoesNotContain(password, Commands.Text(right), StringComparison.Ordinal);
        using var client = new RegistryClient();
        var repository = ImageRepository.Parse($"{registry.Host}/team/acme-orders");
        var credentials = new RegistryCredentials("deployer", password);
        Assert.NotNull(client.GetDigestAsync(repository, GeneratedService.MainCacheTag, credentials).GetAwaiter().GetResult());
        Assert.NotNull(client.GetDigestAsync(repository, "1.4.2", credentials).GetAwaiter().GetResult());
    }

    [SkippableFact]
    public void A_local_publish_without_a_registry_or_with_an_invalid_one_fails_before_any_target_naming_the_option()
    {
        Expect.Docker();
        var copy = CopyWithoutRegistry("no-registry");

        var missing = service.PublishImage(copy);
        var invalid = service.PublishImage(copy, ["--registry", "https://ghcr.io/acme"]);

        foreach (var (run, expected) in new[] { (missing, "No registry to push to. Pass --registry"), (invalid, "--registry 'https://ghcr.io/acme' must not contain a scheme") })
        {
            var output = Commands.Text(run);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains(expected, output, StringComparison.Ordinal);
            Assert.DoesNotContain("── Restore", output, StringComparison.Ordinal);
            Assert.DoesNotContain("── DockerLint", output, StringComparison.Ordinal);
        }
    }
}
