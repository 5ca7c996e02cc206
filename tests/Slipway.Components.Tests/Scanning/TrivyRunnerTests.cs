using Slipway.Components.Scanning;
using Slipway.IO;

namespace Slipway.Components.Tests.Scanning;

public class TrivyRunnerTests
{
    private static readonly AbsolutePath s_root = AbsolutePath.Create("/repo");
    private static readonly AbsolutePath s_report = s_root / "artifacts" / "trivy" / "trivy.json";
    private const string Id = ReportSamples.ImageId;

    [Fact]
    public void Uses_trivy_from_path_when_it_is_installed()
    {
        var runner = TrivyRunner.Choose("/usr/local/bin/trivy", TestDocker.Client("/usr/bin/docker", null), TrivyRunner.PinnedImage);

        Assert.False(runner.UsesDocker);
        Assert.Equal("/usr/local/bin/trivy", runner.Executable);
        Assert.Contains("trivy found at /usr/local/bin/trivy", runner.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Falls_back_to_the_pinned_image_through_docker_and_says_why()
    {
        var runner = TrivyRunner.Choose(null, TestDocker.Client("/usr/bin/docker", null), TrivyRunner.PinnedImage);

        Assert.True(runner.UsesDocker);
        Assert.Equal("/usr/bin/docker", runner.Executable);
        Assert.Contains("not on PATH", runner.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_clearly_when_neither_trivy_nor_docker_is_installed()
    {
        var ex = Assert.Throws<BuildFailedException>(() => TrivyRunner.Choose(null, null, TrivyRunner.PinnedImage));

        Assert.Contains("neither 'trivy' nor 'docker'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pinned_image_is_a_release_tag_with_its_digest()
    {
        Assert.Matches(@"^aquasec/trivy:\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$", TrivyRunner.PinnedImage);
    }

    [Fact]
    public void Cli_command_scans_the_image_id_into_a_json_report_with_every_severity()
    {
        var runner = TrivyRunner.Choose("/usr/bin/trivy", null, TrivyRunner.PinnedImage);

        var command = runner.Command(Id, s_report, s_root / ".trivyignore", ignoreUnfixed: true, s_root);

        var args = command.Arguments;
        Assert.Equal("/usr/bin/trivy", command.Executable);
        Assert.Equal("image", args[0]);
        Assert.Equal(Id, args[^1]);
        Assert.Equal("json", After(args, "--format"));
        Assert.Equal("/repo/artifacts/trivy/trivy.json", After(args, "--output"));
        Assert.Equal("UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL", After(args, "--severity"));
        Assert.Equal("/repo/.trivyignore", After(args, "--ignorefile"));
        Assert.Contains("--ignore-unfixed", args);
        Assert.Contains("--skip-version-check", args);
        Assert.Contains("--quiet", args);
        Assert.Equal("/repo", command.WorkingDirectory);
    }

    [Fact]
    public void Cli_command_leaves_out_optional_flags_that_are_not_asked_for()
    {
        var command = TrivyRunner.Choose("/usr/bin/trivy", null, TrivyRunner.PinnedImage)
            .Command(Id, s_report, null, ignoreUnfixed: false, s_root);

        Assert.DoesNotContain("--ignore-unfixed", command.Arguments);
        Assert.DoesNotContain("--ignorefile", command.Arguments);
    }

    [Fact]
    public void Docker_command_mounts_the_daemon_socket_cache_output_and_ignore_file()
    {
        var runner = TrivyRunner.Choose(null, TestDocker.Client("/usr/bin/docker", "unix:///run/container-env/docker.sock"), TrivyRunner.PinnedImage);

        var args = runner.Command(Id, s_report, s_root / ".trivyignore", ignoreUnfixed: false, s_root).Arguments;

        Assert.Equal(["run", "--rm"], args.Take(2));
        var mounts = args.Select((a, i) => (a, i)).Where(x => x.a == "-v").Select(x => args[x.i + 1]).ToList();
        Assert.Contains("/run/container-env/docker.sock:/var/run/docker.sock", mounts);
        Assert.Contains($"{TrivyRunner.CacheVolume}:/root/.cache/", mounts);
        Assert.Contains("/repo/artifacts/trivy:/slipway/out", mounts);
        Assert.Contains("/repo/.trivyignore:/slipway/.trivyignore:ro", mounts);
        var image = args.IndexOf(TrivyRunner.PinnedImage);
        Assert.Equal("image", args[image + 1]);
        Assert.Equal("/slipway/out/trivy.json", After(args, "--output"));
        Assert.Equal("/slipway/.trivyignore", After(args, "--ignorefile"));
        Assert.Equal(Id, args[^1]);
    }

    [Fact]
    public void Docker_command_uses_the_default_socket_without_docker_host()
    {
        var args = TrivyRunner.Choose(null, TestDocker.Client("docker", null), TrivyRunner.PinnedImage).Command(Id, s_report, null, false, s_root).Arguments;

        Assert.Contains("/var/run/docker.sock:/var/run/docker.sock", args);
    }

    [Fact]
    public async Task Docker_runner_takes_trivys_version_from_the_image_tag()
    {
        var runner = TrivyRunner.Choose(null, TestDocker.Client("docker", null), TrivyRunner.PinnedImage);

        Assert.Matches(@"^\d+\.\d+\.\d+$", (await runner.VersionAsync()).Version);
    }

    [Fact]
    public void A_cache_directory_from_TRIVY_CACHE_DIR_is_mounted_for_the_container_and_passed_as_cache_dir()
    {
        var environment = new Dictionary<string, string> { [TrivyRunner.CacheDirectoryVariable] = ".nuke/temp/trivy-cache" };
        var cache = TrivyRunner.CacheDirectoryFrom(environment, s_root);
        Assert.Equal("/repo/.nuke/temp/trivy-cache", cache);

        var docker = TrivyRunner.Choose(null, TestDocker.Client("/usr/bin/docker", null), TrivyRunner.PinnedImage) with { CacheDirectory = cache };
        var args = docker.Command(Id, s_report, null, ignoreUnfixed: false, s_root).Arguments;
        var mounts = args.Select((a, i) => (a, i)).Where(x => x.a == "-v").Select(x => args[x.i + 1]).ToList();
        Assert.Contains("/repo/.nuke/temp/trivy-cache:/root/.cache/trivy", mounts);
        Assert.DoesNotContain(mounts, m => m.StartsWith(TrivyRunner.CacheVolume, StringComparison.Ordinal));
        Assert.Equal("/root/.cache/trivy", After(args, "--cache-dir"));

        var cli = TrivyRunner.Choose("/usr/bin/trivy", null, TrivyRunner.PinnedImage) with { CacheDirectory = cache };
        Assert.Equal("/repo/.nuke/temp/trivy-cache", After(cli.Command(Id, s_report, null, ignoreUnfixed: false, s_root).Arguments, "--cache-dir"));
        Assert.Null(TrivyRunner.CacheDirectoryFrom(new Dictionary<string, string>(), s_root));
    }

    private static string After(IReadOnlyList<string> args, string flag) => args[args.ToList().IndexOf(flag) + 1];
}
