using System.Text.Json;
using Slipway.IO;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Slipway.Templates.Tests;

/// <summary>
/// The dependency bots of a generated service (Dependabot for what it can read on GitHub, Renovate for the rest and
/// for everything on GitLab), checked with Renovate's own parser, and the committed CI files against the generator.
/// </summary>
public sealed class DependencyBotTests(DependencyBotTests.Services services) : IClassFixture<DependencyBotTests.Services>
{
    /// <summary>The test run's pack, and a service per <c>--ci</c> choice, each a git repository with one commit.</summary>
    public sealed class Services
    {
        private readonly TemplatePack _pack = TemplatePack.Shared;

        public Services()
        {
            GitHub = Generate("bots-github", "github");
            GitLab = Generate("bots-gitlab", "gitlab");
            Both = Generate("bots-both", "both");
        }

        internal TemplatePack Pack => _pack;
        public AbsolutePath GitHub { get; }
        public AbsolutePath GitLab { get; }
        public AbsolutePath Both { get; }

        private AbsolutePath Generate(string name, string ci)
        {
            var repository = _pack.Generate(name, "--ci", ci);
            Commands.Git(repository, "init", "--quiet", "--initial-branch", "main");
            Commands.Git(repository, "add", "--all");
            Commands.Git(repository, "commit", "--quiet", "--message", "from dotnet new slipway");
            return repository;
        }
    }

    private const string RenovateMissing = "renovate is not on PATH: npm install -g renovate@37 (.ci/run installs it)";

    private static JsonElement Json(AbsolutePath file) => JsonDocument.Parse(File.ReadAllText(file)).RootElement;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public void GitHub_gets_Dependabot_for_packages_and_actions_and_Renovate_only_for_the_base_images_and_the_SDK()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(services.GitHub / ".github/dependabot.yml")));
        var updates = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["updates"];
        Assert.Equal(["nuget", "github-actions"], updates.Cast<YamlMappingNode>().Select(u => u["package-ecosystem"].ToString()));

        var renovate = Json(services.GitHub / "renovate.json");
        Assert.Equal(["dockerfile", "nuget"], Strings(renovate.GetProperty("enabledManagers")));
        var rules = renovate.GetProperty("packageRules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.TryGetProperty("enabled", out var e) && !e.GetBoolean() && Strings(r.GetProperty("matchDepTypes")).SequenceEqual(["nuget"]));
        var group = rules.Single(r => r.TryGetProperty("groupName", out _));
        Assert.Equal(["dotnet-sdk", "mcr.microsoft.com/dotnet/sdk", "mcr.microsoft.com/dotnet/aspnet"], Strings(group.GetProperty("matchDepNames")));
        Assert.False((services.GitHub / "renovate.github.json").FileExists());
    }

    [Fact]
    public void GitLab_and_both_get_one_Renovate_configuration_for_every_pin_and_no_Dependabot()
    {
        foreach (var repository in new[] { services.GitLab, services.Both })
        {
            Assert.Equal(["nuget", "dockerfile", "gitlabci", "github-actions"], Strings(Json(repository / "renovate.json").GetProperty("enabledManagers")));
            Assert.False((repository / ".github/dependabot.yml").FileExists());
            Assert.False((repository / "renovate.github.json").FileExists());
        }
        Assert.False((services.GitLab / ".github").DirectoryExists());
    }

    [SkippableFact]
    public void Renovates_own_extract_lists_the_base_images_with_digests_the_SDK_the_packages_the_actions_and_the_job_images()
    {
        var renovate = Tool.Find("renovate");
        Skip.If(renovate is null, RenovateMissing);
        var found = Extract(renovate!, services.Both);

        Assert.Contains(("dockerfile", "Dockerfile", "mcr.microsoft.com/dotnet/sdk", true), found);
        Assert.Contains(("dockerfile", "Dockerfile", "mcr.microsoft.com/dotnet/aspnet", true), found);
        Assert.Contains(("nuget", "global.json", "dotnet-sdk", false), found);
        Assert.Contains(("nuget", "Directory.Packages.props", "Serilog.AspNetCore", false), found);
        Assert.Contains(("github-actions", ".github/workflows/publish.yml", "actions/checkout", true), found);
        Assert.Contains(("github-actions", ".github/workflows/publish.yml", "actions/setup-dotnet", true), found);
        Assert.Contains(("gitlabci", ".gitlab-ci.yml", "mcr.microsoft.com/dotnet/sdk", true), found);
        Assert.Contains(found, f => f.Manager == "gitlabci" && f.Name == "docker" && f.Digest); // the dind service
    }

    [SkippableFact]
    public void On_GitHub_Renovate_finds_the_Dockerfile_images_Dependabot_cannot_read_and_the_SDK()
    {
        var renovate = Tool.Find("renovate");
        Skip.If(renovate is null, RenovateMissing);
        var found = Extract(renovate!, services.GitHub);
        Assert.Equal(["dockerfile", "nuget"], found.Select(f => f.Manager).Distinct().Order());
        Assert.Contains(("dockerfile", "Dockerfile", "mcr.microsoft.com/dotnet/sdk", true), found);
        Assert.Contains(("dockerfile", "Dockerfile", "mcr.microsoft.com/dotnet/aspnet", true), found);
        Assert.Contains(("nuget", "global.json", "dotnet-sdk", false), found);
    }

    [Fact]
    public void The_committed_CI_files_are_what_the_generator_writes_for_the_templates_attributes()
    {
        // The --ci both service: both workflows and the GitLab pipeline.
        var run = Commands.Run(services.Both / "build.sh", ["--update-ci-files"], services.Both, services.Pack.BuildEnvironment());
        Assert.True(run.ExitCode == 0, $"--update-ci-files exited {run.ExitCode}:\n{Commands.Text(run)}");
        var output = Commands.Text(run);
        foreach (var file in new[] { ".github/workflows/publish.yml", ".github/workflows/rescan.yml", ".gitlab-ci.yml" })
            Assert.Contains($"{file} is up to date with", output, StringComparison.Ordinal);
        Assert.Equal("", Commands.Git(services.Both, "status", "--porcelain"));
    }

    /// <summary>
    /// <c>renovate --platform=local --dry-run=extract</c> in the repository (no network lookup): each dependency found,
    /// as its manager, file, name and whether it is pinned by digest.
    /// </summary>
    private static List<(string Manager, string File, string Name, bool Digest)> Extract(string renovate, AbsolutePath repository)
    {
        using var baseDirectory = new Slipway.Components.Tests.Infrastructure.TemporaryDirectory("renovate");
        var run = Commands.Run(renovate, ["--platform=local", "--dry-run=extract"], repository,
            new Dictionary<string, string> { ["LOG_LEVEL"] = "debug", ["LOG_FORMAT"] = "json", ["RENOVATE_BASE_DIR"] = baseDirectory.Path },
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"renovate exited {run.ExitCode}:\n{Commands.Text(run)}");
        var extracted = run.Output.Select(l => l.Text).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.TryGetProperty("msg", out var m) && m.GetString() == "Extracted dependencies");
        return
        [
            .. extracted.GetProperty("packageFiles").EnumerateObject().SelectMany(manager => manager.Value.EnumerateArray().SelectMany(file =>
                file.GetProperty("deps").EnumerateArray().Select(dep => (
                    manager.Name,
                    file.GetProperty("packageFile").GetString()!,
                    dep.GetProperty("depName").GetString()!,
                    dep.TryGetProperty("currentDigest", out var d) && d.GetString()!.Length > 0)))),
        ];
    }
}
