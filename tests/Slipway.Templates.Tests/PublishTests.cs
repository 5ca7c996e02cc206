using Slipway.Components.References;
using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// <c>./build.sh Publish</c> of a generated service against the real Docker engine and registry, with the Trivy
/// stand-in: the tags a release and a branch get, the image that runs, the gate that stops a vulnerable image.
/// </summary>
[Collection(GeneratedServiceCollection.Name)]
public sealed partial class PublishTests(GeneratedService service)
{
    private string ShortSha(string commit) => "sha-" + commit[..7];

    [SkippableFact]
    public void Tagged_commit_is_pushed_as_its_version_tags_on_one_digest_and_never_latest()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);

        Assert.Equal(new HashSet<string> { "1.4.2", "1.4", "1", ShortSha(service.Commit) }, service.TagsAfterFirstPublish);
        var digests = service.TagsAfterFirstPublish.Select(t => RegistryProbe.Digest(service.ImageRepository, t)).Distinct().ToList();
        var digest = Assert.Single(digests);

        using var record = JsonDocument.Parse(File.ReadAllText(service.Repository / "artifacts" / "image.json"));
        Assert.Equal(digest, record.RootElement.GetProperty("digest").GetString());
        Assert.Equal("1.4.2", record.RootElement.GetProperty("version").GetString());
        Assert.Equal($"{service.Registry}/acme-orders@{digest}", record.RootElement.GetProperty("reference").GetString());
        Assert.True(record.RootElement.GetProperty("scan").GetProperty("passed").GetBoolean());
    }

    [SkippableFact]
    public void First_publish_tests_the_service_lints_the_dockerfile_clean_and_leaves_the_ci_files_up_to_date()
    {
        Expect.Docker();
        var output = Commands.Text(service.FirstPublish!);
        Expect.Succeeded(service.FirstPublish!);

        Assert.Matches(@"Test\s+Succeeded\s+\S+\s+[1-9]\d* passed, 0 failed", output);
        Assert.Matches(@"DockerLint\s+Succeeded\s+\S+\s+Dockerfile: 0 errors, 0 warnings", output);
        // The run regenerates the schema and leaves the committed CI files as they are: nothing changed.
        Assert.Equal("", Commands.Git(service.Repository, "status", "--porcelain"));
    }

    [SkippableFact]
    public void Published_image_runs_as_non_root_and_turns_healthy()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var reference = $"{service.Registry}/acme-orders:1.4.2";

        Assert.Equal("1654", Commands.Docker("image", "inspect", "--format", "{{.Config.User}}", reference).StandardOutput.Trim());
        ContainerHealth.AssertTurnsHealthy(reference);
    }

    [SkippableFact]
    public void Feature_branch_commit_gets_one_prerelease_tag_and_a_sha_tag_and_reuses_the_restore_layer()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var stableDigest = RegistryProbe.Digest(service.ImageRepository, "1.4.2");
        var repository = service.Copy("feature-branch");
        Commands.Git(repository, "checkout", "--quiet", "-b", "feature/Login-Page");
        ChangeProgramCs(repository);
        Commands.Git(repository, "commit", "--quiet", "--all", "--message", "Login page");
        var commit = Commands.Git(repository, "rev-parse", "HEAD");
        var before = RegistryProbe.VersionTags(service.ImageRepository);

        var run = service.Publish(repository);

        Expect.Succeeded(run);
        var added = RegistryProbe.VersionTags(service.ImageRepository).Except(before).ToList();
        Assert.Equal(2, added.Count);
        Assert.Contains(ShortSha(commit), added);
        var prerelease = Assert.Single(added, t => !t.StartsWith("sha-", StringComparison.Ordinal));
        Assert.Matches(@"^1\.4\.3-login-page\.", prerelease);
        Assert.Matches(OciTag(), prerelease);
        foreach (var stable in new[] { "1.4.2", "1.4", "1" })
            Assert.Equal(stableDigest, RegistryProbe.Digest(service.ImageRepository, stable));
        Assert.Contains("restore layer: cached", Commands.Text(run), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Fixed_critical_finding_stops_publish_at_TrivyScan_and_pushes_nothing()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var repository = service.Copy("critical");
        Commands.Git(repository, "checkout", "--quiet", "-b", "feature/vulnerable");
        ChangeProgramCs(repository);
        Commands.Git(repository, "commit", "--quiet", "--all", "--message", "Vulnerable");
        var before = RegistryProbe.VersionTags(service.ImageRepository);

        var run = service.Publish(repository, environment: new Dictionary<string, string> { ["TRIVY_STANDIN_FINDINGS"] = "critical-fixed" });

        var output = Commands.Text(run);
        Assert.True(run.ExitCode != 0, output);
        Assert.Matches(@"TrivyScan\s+Failed", output);
        Assert.Matches(@"Push\s+NotRun", output);
        Assert.Equal(before, RegistryProbe.VersionTags(service.ImageRepository));
    }

    [SkippableFact]
    public void Build_ps1_under_pwsh_publishes_the_same_tags()
    {
        Expect.Docker();
        Skip.If(Commands.Run("pwsh", ["-NoLogo", "-NoProfile", "-Command", "$PSVersionTable.PSVersion.ToString()"], Path.GetTempPath()) is not { ExitCode: 0 },
            "pwsh is not on PATH; tests/infra/install-pwsh.sh installs it (.ci/run does)");
        var repository = service.Copy("powershell");
        var registry = service.Registry + "-ps";

        var run = service.Publish(repository, ["Publish", "--registry", registry], powerShell: true);

        Expect.Succeeded(run);
        Assert.Equal(new HashSet<string> { "1.4.2", "1.4", "1", ShortSha(service.Commit) },
            RegistryProbe.VersionTags($"{registry["localhost:5000/".Length..]}/acme-orders"));
    }

    private static void ChangeProgramCs(string repository)
    {
        var program = Path.Combine(repository, "src", "Acme.Orders", "Program.cs");
        File.AppendAllText(program, $"{Environment.NewLine}// changed by a test at {DateTime.UtcNow:O}{Environment.NewLine}");
    }

    [GeneratedRegex("^[a-z0-9_][a-z0-9._-]{0,127}$")]
    private static partial Regex OciTag();
}
