using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// The generated <c>.gitlab-ci.yml</c> of <c>--ci both --registry …</c>, run for real by gitlab-ci-local 4.70.1 with the
/// shell executor on this machine's engine and loopback registry. A small file includes the generated one and replaces
/// only <c>services:</c> (no Docker-in-Docker offline) and <c>before_script:</c> (the host's docker client is already on
/// PATH); rules, variables, caches and the script come from the generated file, checked against GitLab's schema.
/// </summary>
[Collection(GeneratedServiceCollection.Name)]
public sealed class GitLabPipelineTests(GeneratedService service)
{
    private const string Overrides = """
        include:
          - local: .gitlab-ci.yml
        publish:
          services: []
          before_script: ["docker version --format 'docker {{.Client.Version}} -> {{.Server.Version}}'"]
        rescan:
          services: []
          before_script: ["docker version --format 'docker {{.Client.Version}} -> {{.Server.Version}}'"]
        """;

    private static void ExpectTools()
    {
        Expect.Docker();
        Skip.If(Tool.Find("gitlab-ci-local") is null, "gitlab-ci-local is not on PATH: npm install -g gitlab-ci-local@4.70.1 (.ci/run installs it)");
        Skip.If(Tool.Find("rsync") is null, "rsync is not on PATH: apt-get install -y rsync (.ci/run installs it)");
    }

    // A copy of the published service laid out as the GitLab runner leaves it (one remote, origin, with every branch and
    // tag; the commit checked out detached), with the include file beside the generated pipeline (untracked:
    // gitlab-ci-local copies only tracked files into a job's directory). A branch, if given, gets a commit first.
    private AbsolutePath Checkout(string name, string? branch = null)
    {
        var copy = service.Copy(name);
        if (branch is not null)
        {
            Commands.Git(copy, "checkout", "--quiet", "-b", branch);
            File.AppendAllText(copy / "src" / "Acme.Orders" / "Program.cs", $"{Environment.NewLine}// {branch}{Environment.NewLine}");
            Commands.Git(copy, "commit", "--quiet", "--all", "--message", $"Work on {branch}");
        }
        var origin = CiCheckout.BareOrigin(copy);
        Commands.Git(copy, "remote", "add", "origin", origin);
        Commands.Git(copy, "fetch", "--quiet", "--tags", "origin");
        Commands.Git(copy, "remote", "set-head", "origin", "main");
        Commands.Git(copy, "checkout", "--quiet", "--detach");
        File.WriteAllText(copy / "gitlab-ci-local.yml", Overrides);
        return copy;
    }

    // One pipeline: the CI variables point at the local engine and registry; the container environment stays as the
    // other template tests build with (local base images, the Trivy stand-in, the pack's feed).
    private ToolResult Pipeline(AbsolutePath copy, string registryImage, params string[] ci)
    {
        var docker = DockerEnvironment.Current;
        string[] variables =
        [
            "DOCKER_HOST=" + docker.Values["DOCKER_HOST"], "DOCKER_TLS_VERIFY=", "DOCKER_CERT_PATH=",
            "CI_REGISTRY=localhost:5000", "CI_REGISTRY_IMAGE=" + registryImage,
            "SIGN_KEYLESS=false", // no OIDC issuer here; the signing path has tests of its own
            "NUGET_PACKAGES=" + Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "SDK_IMAGE=" + docker.SdkImage, "RUNTIME_IMAGE=" + docker.MultiPlatformRuntimeImage,
            .. ci,
        ];
        return Commands.Run("gitlab-ci-local",
            ["--file", "gitlab-ci-local.yml", "--force-shell-executor", "--shell-isolation", "--json-schema-validation", "--no-artifacts-to-source",
                .. variables.SelectMany(v => new[] { "--variable", v })],
            copy, service.Pack.BuildEnvironment(), timeout: TimeSpan.FromMinutes(15));
    }

    [SkippableFact]
    public void A_tag_pipeline_publishes_to_CI_REGISTRY_IMAGE_a_scheduled_one_runs_only_the_rescan_and_another_registry_needs_a_login()
    {
        ExpectTools();
        Expect.Succeeded(service.FirstPublish!);
        var copy = Checkout("gitlab-tag");
        var registryImage = $"{service.Registry}-gitlab/orders";

        var tag = Pipeline(copy, registryImage, "CI_COMMIT_TAG=v1.4.2", "CI_COMMIT_REF_NAME=v1.4.2");

        Expect.Succeeded(tag);
        var output = Commands.Text(tag);
        Assert.Contains("PASS  publish", output, StringComparison.Ordinal);
        Assert.DoesNotContain("rescan", output, StringComparison.Ordinal);
        // --ci both wrote Registry into .nuke/parameters.json; the job's REGISTRY=$CI_REGISTRY_IMAGE wins, as on GitLab.
        Assert.Contains("1.4.2", RemoteImages.Tags(registryImage));
        Assert.DoesNotContain(service.Registry + "/acme-orders:1.4.2 ", output, StringComparison.Ordinal);

        var schedule = Pipeline(copy, registryImage, "CI_PIPELINE_SOURCE=schedule");

        var scheduled = Commands.Text(schedule);
        Assert.Contains("./build.sh Rescan", scheduled, StringComparison.Ordinal);
        Assert.DoesNotContain("./build.sh Publish", scheduled, StringComparison.Ordinal);
        Expect.Succeeded(schedule);

        // A CI/CD variable REGISTRY (it wins over the file's) sends the job to another registry without a login for it.
        var elsewhere = Pipeline(copy, registryImage, "CI_COMMIT_TAG=v1.4.2", "CI_COMMIT_REF_NAME=v1.4.2", "REGISTRY=ghcr.io/acme");

        var refused = Commands.Text(elsewhere);
        Assert.NotEqual(0, elsewhere.ExitCode);
        Assert.Contains("no login for ghcr.io", refused, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_USERNAME and REGISTRY_PASSWORD", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("── Restore", refused, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_merge_request_pipeline_builds_and_scans_and_pushes_nothing()
    {
        ExpectTools();
        Expect.Succeeded(service.FirstPublish!);
        var copy = Checkout("gitlab-merge-request", "feature/login");
        var registryImage = $"{service.Registry}-gitlab-mr/orders";

        var run = Pipeline(copy, registryImage, "CI_PIPELINE_SOURCE=merge_request_event", "CI_MERGE_REQUEST_IID=3",
            "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=feature/login", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main", "CI_COMMIT_REF_NAME=feature/login");

        Expect.Succeeded(run);
        var output = Commands.Text(run);
        Assert.Contains("merge request !3: image built and scanned, not pushed", output, StringComparison.Ordinal);
        Assert.Empty(RemoteImages.Tags(registryImage));
    }
}
