using System.Text.RegularExpressions;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Slipway.Templates.Tests;

/// <summary>What <c>dotnet new slipway</c> writes, read without building it.</summary>
[Collection(GeneratedServiceOwnRegistriesCollection.Name)]
public sealed partial class GeneratedRepositoryTests(GeneratedService service)
{
    [Fact]
    public void Generates_the_promised_layout_with_an_executable_build_sh()
    {
        string[] expected =
        [
            "build/_build.csproj", "build/Build.cs", "src/Acme.Orders/Acme.Orders.csproj", "src/Acme.Orders/Program.cs",
            "tests/Acme.Orders.Tests/Acme.Orders.Tests.csproj", "Dockerfile", ".dockerignore", ".gitignore", ".editorconfig",
            "global.json", "GitVersion.yml", ".trivyignore", ".nuke/parameters.json", ".nuke/build.schema.json",
            "build.sh", "build.ps1", ".github/workflows/publish.yml", ".github/workflows/rescan.yml", "renovate.json", ".gitlab-ci.yml", "README.md",
        ];
        Assert.Empty(expected.Except(service.GeneratedFiles));
        Assert.DoesNotContain(service.GeneratedFiles, f => f.Contains("/bin/", StringComparison.Ordinal) || f.StartsWith("artifacts/", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
            Assert.True((File.GetUnixFileMode(service.Repository / "build.sh") & UnixFileMode.UserExecute) != 0, "build.sh is not executable");
    }

    [Fact]
    public void The_build_references_the_components_at_the_packs_own_version()
    {
        var packages = File.ReadAllText(service.Repository / "Directory.Packages.props");
        Assert.Contains($"<PackageVersion Include=\"Slipway.Components\" Version=\"{service.Pack.Version}\" />", packages, StringComparison.Ordinal);
        Assert.Contains("<PackageReference Include=\"Slipway.Components\" />", File.ReadAllText(service.Repository / "build" / "_build.csproj"), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_in_the_generated_files_says_latest()
    {
        var offenders = service.GeneratedFiles
            .SelectMany(file => File.ReadAllLines(service.Repository / file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => Latest().IsMatch(x.line))
            .Select(x => $"{x.file}:{x.number}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [Fact]
    public void The_github_workflow_is_yaml_that_publishes_with_full_history_buildx_and_pinned_actions()
    {
        var workflow = Yaml(".github/workflows/publish.yml");
        var job = (YamlMappingNode)((YamlMappingNode)workflow["jobs"])["publish"];
        Assert.Equal("write", Scalar(((YamlMappingNode)job["permissions"])["packages"]));
        var steps = ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();
        var uses = steps.Where(s => s.Children.ContainsKey("uses")).Select(s => Scalar(s["uses"])).ToList();
        Assert.All(uses, u => Assert.Matches("@[0-9a-f]{40}$", u));
        Assert.Contains(uses, u => u.StartsWith("docker/setup-buildx-action@", StringComparison.Ordinal));
        var checkout = steps.Single(s => s.Children.ContainsKey("uses") && Scalar(s["uses"]).StartsWith("actions/checkout@", StringComparison.Ordinal));
        Assert.Equal("0", Scalar(((YamlMappingNode)checkout["with"])["fetch-depth"]));
        Assert.Contains(steps, s => s.Children.ContainsKey("run") && Scalar(s["run"]) == "./build.sh Publish");
    }

    [Fact]
    public void The_github_workflow_signs_keyless_with_the_jobs_oidc_identity_and_a_pinned_cosign()
    {
        var job = (YamlMappingNode)((YamlMappingNode)Yaml(".github/workflows/publish.yml")["jobs"])["publish"];
        Assert.Equal("write", Scalar(((YamlMappingNode)job["permissions"])["id-token"]));
        var steps = ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();
        var installer = steps.Single(s => s.Children.ContainsKey("uses") && Scalar(s["uses"]).StartsWith("sigstore/cosign-installer@", StringComparison.Ordinal));
        Assert.Matches("@[0-9a-f]{40}$", Scalar(installer["uses"]));
        Assert.StartsWith("v2.5.", Scalar(((YamlMappingNode)installer["with"])["cosign-release"]), StringComparison.Ordinal);
        var build = steps.Single(s => s.Children.ContainsKey("run") && Scalar(s["run"]) == "./build.sh Publish");
        Assert.Equal("true", Scalar(((YamlMappingNode)build["env"])["SIGN_KEYLESS"]));
        Assert.True(steps.IndexOf(installer) < steps.IndexOf(build), "cosign is installed after the build step");
    }

    [Fact]
    public void The_github_rescan_workflow_rescans_daily_and_attaches_a_fresh_verdict()
    {
        var workflow = Yaml(".github/workflows/rescan.yml");
        var on = (YamlMappingNode)workflow["on"];
        Assert.Equal(["schedule", "workflow_dispatch"], on.Children.Keys.Select(Scalar));
        var cron = Scalar(((YamlMappingNode)((YamlSequenceNode)on["schedule"])[0])["cron"]);
        Assert.Equal(5, cron.Split(' ').Length);
        Assert.Equal("*", cron.Split(' ')[2]); // every day of the month
        var job = (YamlMappingNode)((YamlMappingNode)workflow["jobs"])["rescan"];
        Assert.Equal("write", Scalar(((YamlMappingNode)job["permissions"])["id-token"]));
        var steps = ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();
        Assert.All(steps.Where(s => s.Children.ContainsKey("uses")).Select(s => Scalar(s["uses"])), u => Assert.Matches("@[0-9a-f]{40}$", u));
        var build = steps.Single(s => s.Children.ContainsKey("run") && Scalar(s["run"]) == "./build.sh Rescan");
        Assert.Equal("true", Scalar(((YamlMappingNode)build["env"])["ATTACH_VERDICT"]));
    }

    [Fact]
    public void The_gitlab_pipeline_is_yaml_that_publishes_with_dind_over_tls_full_history_and_the_scanning_report()
    {
        var job = (YamlMappingNode)Yaml(".gitlab-ci.yml")["publish"];
        var variables = (YamlMappingNode)job["variables"];
        Assert.Equal("0", Scalar(variables["GIT_DEPTH"]));
        Assert.Equal("tcp://docker:2376", Scalar(variables["DOCKER_HOST"]));
        Assert.Equal("/certs", Scalar(variables["DOCKER_TLS_CERTDIR"]));
        var dind = (YamlMappingNode)((YamlSequenceNode)job["services"])[0];
        Assert.Contains("dind@sha256:", Scalar(dind["name"]), StringComparison.Ordinal);
        Assert.Equal("docker", Scalar(dind["alias"]));
        Assert.Equal(["./build.sh Publish"], ((YamlSequenceNode)job["script"]).Select(Scalar));
        var reports = (YamlMappingNode)((YamlMappingNode)job["artifacts"])["reports"];
        Assert.Equal("artifacts/trivy/gl-container-scanning-report.json", Scalar(reports["container_scanning"]));
    }

    [Fact]
    public void The_gitlab_pipeline_runs_a_merge_request_pipeline_instead_of_a_duplicate_branch_pipeline()
    {
        var pipeline = Yaml(".gitlab-ci.yml");
        var rules = ((YamlSequenceNode)((YamlMappingNode)pipeline["workflow"])["rules"]).Cast<YamlMappingNode>()
            .Select(r => (Scalar(r["if"]), r.Children.ContainsKey("when") ? Scalar(r["when"]) : null))
            .ToList();
        Assert.Equal(
            [
                ("$CI_PIPELINE_SOURCE == \"schedule\"", null),
                ("$CI_PIPELINE_SOURCE == \"merge_request_event\"", null),
                ("$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "never"),
                ("$CI_COMMIT_BRANCH", null),
                ("$CI_COMMIT_TAG =~ /^v/", null),
            ],
            rules);
        // Publish runs in every pipeline the workflow creates but the scheduled ones, which run Rescan only (a tag's run is
        // never interrupted); REGISTRY is CI_REGISTRY_IMAGE, so --ci both --registry ghcr.io/... still pushes to GitLab's registry.
        var job = (YamlMappingNode)pipeline["publish"];
        Assert.Equal(["$CI_COMMIT_TAG && $CI_PIPELINE_SOURCE != \"schedule\"", "$CI_PIPELINE_SOURCE != \"schedule\""],
            ((YamlSequenceNode)job["rules"]).Cast<YamlMappingNode>().Select(r => Scalar(r["if"])));
        var rescan = (YamlMappingNode)pipeline["rescan"];
        Assert.Equal("$CI_PIPELINE_SOURCE == \"schedule\"", ((YamlSequenceNode)rescan["rules"]).Cast<YamlMappingNode>().Select(r => Scalar(r["if"])).Last());
        Assert.Equal(["./build.sh Rescan"], ((YamlSequenceNode)rescan["script"]).Select(Scalar));
        Assert.Equal("$CI_REGISTRY_IMAGE", Scalar(((YamlMappingNode)job["variables"])["REGISTRY"]));
    }

    [SkippableFact]
    public void The_github_workflow_passes_action_validator_against_the_published_schema()
    {
        var validator = Tool.Find("action-validator");
        Skip.If(validator is null, "action-validator is not on PATH: npm install -g @action-validator/cli@0.6.0 (.ci/run installs it)");
        foreach (var workflow in new[] { ".github/workflows/publish.yml", ".github/workflows/rescan.yml" })
        {
            var result = Commands.Run(validator!, [workflow], service.Repository, timeout: TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 0, $"action-validator exited {result.ExitCode} on {workflow}:\n{Commands.Text(result)}");
        }
    }

    [Fact]
    public void Options_choose_the_ci_files_the_registry_and_the_image_name()
    {
        var none = service.Pack.Generate("ci-none", "--ci", "none", "--registry", "registry.example.com/team", "--image-name", "orders-api");
        Assert.False((none / ".github").DirectoryExists());
        Assert.False((none / ".gitlab-ci.yml").FileExists());
        Assert.DoesNotContain("[GitHubActions", File.ReadAllText(none / "build" / "Build.cs"), StringComparison.Ordinal);
        var parameters = File.ReadAllText(none / ".nuke" / "parameters.json");
        Assert.Contains("\"Registry\": \"registry.example.com/team\"", parameters, StringComparison.Ordinal);
        Assert.Contains("\"Image\": \"orders-api\"", parameters, StringComparison.Ordinal);

        var gitlab = service.Pack.Generate("ci-gitlab", "--ci", "gitlab");
        Assert.True((gitlab / ".gitlab-ci.yml").FileExists());
        Assert.False((gitlab / ".github").DirectoryExists());
        Assert.Contains("\"Image\": \"acme-orders\"", File.ReadAllText(gitlab / ".nuke" / "parameters.json"), StringComparison.Ordinal);
    }

    private YamlMappingNode Yaml(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(service.Repository / file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    // "latest" as a word: a tag, an image reference or prose; latestFeature (global.json's rollForward) is another word.
    [GeneratedRegex(@"\blatest\b", RegexOptions.IgnoreCase)]
    private static partial Regex Latest();
}
