using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Images;

public class BuilderSelectionTests
{
    [Fact]
    public void Without_buildx_the_classic_build_is_used_and_the_reason_says_how_to_get_caching()
    {
        var choice = BuilderSelection.Decide(buildxAvailable: false, currentDriver: null, containerdImageStore: false);

        Assert.Equal(BuildFrontend.Classic, choice.Frontend);
        Assert.Contains("docker-buildx", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_driver_with_the_containerd_store_builds_in_the_engine() =>
        Assert.Equal(new BuilderChoice(BuildFrontend.Buildx, null, ""), BuilderSelection.Decide(true, "docker", true) with { Reason = "" });

    [Fact]
    public void Docker_driver_with_the_classic_store_uses_the_own_docker_container_builder() =>
        Assert.Equal("slipway", BuilderSelection.Decide(true, "docker", false).Builder);

    [Fact]
    public void Another_driver_is_used_as_it_is() =>
        Assert.Null(BuilderSelection.Decide(true, "docker-container", false).Builder);

    [Fact]
    public void Own_builder_reaches_a_local_registry_over_http()
    {
        Assert.Equal("[registry.\"localhost:5000\"]\n  http = true\n  insecure = true\n", BuilderSelection.BuildkitdConfig("localhost:5000"));
        Assert.Equal("", BuilderSelection.BuildkitdConfig("ghcr.io"));
        Assert.Equal("", BuilderSelection.BuildkitdConfig(null));
    }
}

/// <summary><c>--builder</c>: the named buildx builder is used as it is, or the build stops naming the fix.</summary>
public class NamedBuilderTests
{
    private readonly Slipway.Components.Tests.Infrastructure.DockerEnvironment _env = Slipway.Components.Tests.Infrastructure.DockerEnvironment.Current;

    [SkippableFact]
    public async Task A_named_builder_that_exists_is_used_as_it_is()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);

        var choice = await BuilderSelection.NamedAsync(_env.Docker, "default", CancellationToken.None);

        Assert.Equal(BuildFrontend.Buildx, choice.Frontend);
        Assert.Equal("default", choice.Builder);
        Assert.Contains("named by --builder (driver 'docker')", choice.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_named_builder_that_does_not_exist_stops_the_build_with_the_ways_out()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => BuilderSelection.NamedAsync(_env.Docker, "no-such-builder", CancellationToken.None));

        Assert.Contains("--builder 'no-such-builder' is not a buildx builder here", error.Message, StringComparison.Ordinal);
        Assert.Contains("docker buildx ls", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>What <c>BuilderSelection.SelectAsync</c> asks docker, against a docker client that answers from a script.</summary>
public sealed class BuilderProbeTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("slipway-builder-probe");

    private ScriptedDocker? _docker;

    // A docker client: `buildx inspect` answers as given, `buildx version` exits with the given code, `info` says containerd.
    private Slipway.Components.Docker.DockerCli FakeDocker(string inspect, int versionExitCode)
    {
        _docker = new ScriptedDocker(_temp.Path, $$"""
            case "$1 $2" in
              "buildx inspect") {{inspect}} ;;
              "buildx version") exit {{versionExitCode}} ;;
              "info --format") echo '[["driver-type","io.containerd.snapshotter.v1"]]' ;;
              *) exit 1 ;;
            esac
            """);
        return _docker.Client;
    }

    private IReadOnlyList<string> Calls() => _docker!.Calls;

    [SkippableFact]
    public async Task A_builder_buildx_inspects_is_chosen_without_asking_for_buildx_version()
    {
        var docker = FakeDocker("printf 'Name: default\\nDriver: docker\\n'", versionExitCode: 0);

        var choice = await BuilderSelection.SelectAsync(docker, null, _temp.Path / "buildx", CancellationToken.None);

        Assert.Equal(BuildFrontend.Buildx, choice.Frontend);
        Assert.Null(choice.Builder);
        Assert.Contains("containerd image store", choice.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("buildx version", Calls());
    }

    [SkippableFact]
    public async Task Without_the_buildx_plugin_the_classic_build_is_chosen()
    {
        var docker = FakeDocker("echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1", versionExitCode: 1);

        var choice = await BuilderSelection.SelectAsync(docker, null, _temp.Path / "buildx", CancellationToken.None);

        Assert.Equal(BuildFrontend.Classic, choice.Frontend);
        Assert.Contains("buildx version", Calls());
    }

    [SkippableFact]
    public async Task A_buildx_that_cannot_inspect_its_builder_is_still_buildx()
    {
        var docker = FakeDocker("echo 'ERROR: no builder \"gone\" found' >&2; exit 1", versionExitCode: 0);

        var choice = await BuilderSelection.SelectAsync(docker, null, _temp.Path / "buildx", CancellationToken.None);

        Assert.Equal(BuildFrontend.Buildx, choice.Frontend);
    }

    // A classic-store engine with the docker driver: Slipway needs its own builder. `buildx inspect slipway` answers as given.
    private Slipway.Components.Docker.DockerCli ClassicStoreDocker(string slipwayInspect)
    {
        _docker = new ScriptedDocker(_temp.Path, $$"""
            case "$*" in
              "buildx inspect") printf 'Name: default\nDriver: docker\n' ;;
              "buildx inspect slipway") {{slipwayInspect}} ;;
              "info --format"*) echo '[["Root Dir","/var/lib/docker/overlay2"]]' ;;
              "buildx rm slipway"|"buildx create"*) exit 0 ;;
              *) exit 1 ;;
            esac
            """);
        return _docker.Client;
    }

    [SkippableFact]
    public async Task The_own_builder_is_created_with_the_buildkit_image_pinned_by_digest()
    {
        var docker = ClassicStoreDocker("exit 1");

        var choice = await BuilderSelection.SelectAsync(docker, null, _temp.Path / "buildx", CancellationToken.None);

        Assert.Equal("slipway", choice.Builder);
        var create = Assert.Single(Calls(), c => c.StartsWith("buildx create", StringComparison.Ordinal));
        Assert.Contains($"--driver-opt image={BuilderSelection.DefaultBuildkitImage}", create, StringComparison.Ordinal);
        Assert.Matches(@"^moby/buildkit:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$", BuilderSelection.DefaultBuildkitImage);
    }

    [SkippableFact]
    public async Task An_own_builder_on_another_buildkit_image_is_replaced_and_one_on_the_pinned_image_is_kept()
    {
        const string Mirror = "mirror.example/moby/buildkit:v0.29.0@sha256:0039c1d47e8748b5afea56f4e85f14febaf34452bd99d9552d2daa82262b5cc5";
        var docker = ClassicStoreDocker("printf 'Name: slipway\\nDriver: docker-container\\nDriver Options: image=\"moby/buildkit:buildx-stable-1\" network=\"host\"\\n'");

        await BuilderSelection.SelectAsync(docker, null, _temp.Path / "buildx", CancellationToken.None, Mirror);

        Assert.Contains("buildx rm slipway", Calls());
        Assert.Contains(Calls(), c => c.StartsWith("buildx create", StringComparison.Ordinal) && c.Contains($"image={Mirror}", StringComparison.Ordinal));
        Assert.True(BuilderSelection.RunsImage($"Driver Options: image=\"{Mirror}\" network=\"host\"", Mirror));
    }

    public void Dispose() => _temp.Dispose();
}

/// <summary>Commands printed for a person to run work pasted into a new shell: same daemon, same login.</summary>
public class PastableDockerCommandTests
{
    [Fact]
    public void A_client_on_another_daemon_and_login_prints_them_in_front_shell_quoted()
    {
        var docker = Slipway.Components.Docker.DockerCli.FromPath
            .WithEnvironment("DOCKER_HOST", "unix:///run/container-env/docker.sock")
            .WithEnvironment("DOCKER_CONFIG", "/tmp/it's config");

        Assert.Equal("DOCKER_HOST=unix:///run/container-env/docker.sock DOCKER_CONFIG='/tmp/it'\\''s config' docker buildx ls", docker.ToPaste("buildx", "ls"));
    }

    [Fact]
    public void The_default_client_prints_the_plain_command() =>
        Assert.Equal("docker run --rm 'a b'", Slipway.Components.Docker.DockerCli.FromPath.ToPaste("run", "--rm", "a b"));
}
