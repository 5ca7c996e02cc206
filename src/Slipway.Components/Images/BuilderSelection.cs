using Slipway.Components.References;
using Slipway.Components.Docker;
using Slipway.IO;

namespace Slipway.Components.Images;

/// <summary>How an image is built: through <c>docker buildx build</c>, or the classic <c>docker build</c>.</summary>
internal enum BuildFrontend
{
    /// <summary><c>docker buildx build</c>: BuildKit with cache import and export, rawjson progress.</summary>
    Buildx,

    /// <summary><c>DOCKER_BUILDKIT=1 docker build</c>: BuildKit without cache export, plain progress.</summary>
    Classic,
}

/// <summary>The frontend and builder chosen for a build, and why (for the log).</summary>
/// <param name="Frontend">buildx or the classic docker build.</param>
/// <param name="Reason">Why, in a sentence for the log.</param>
/// <param name="Builder">A buildx builder to name with <c>--builder</c>, or null for the current one.</param>
internal sealed record BuilderChoice(BuildFrontend Frontend, string? Builder, string Reason);

/// <summary>
/// Chooses the builder. The engine's own BuildKit (buildx's <c>docker</c> driver) exports build caches
/// (<c>type=local</c>, <c>type=registry</c>) only when the engine uses the containerd image store; with the classic
/// store it refuses any <c>--cache-to</c>. Then a <c>docker-container</c> builder named <c>slipway</c> is created once
/// and used: it runs BuildKit in a container on the host network (so <c>localhost:5000</c> is this machine's registry)
/// and loads the result into the engine with <c>--load</c>. That BuildKit builds the image that is signed, so its image
/// is pinned by digest (<see cref="DefaultBuildkitImage"/>, or <c>--buildkit-image</c> for a mirror); a <c>slipway</c>
/// builder that runs another image is replaced.
/// </summary>
internal static class BuilderSelection
{
    /// <summary>The name of the docker-container builder Slipway creates when it needs one.</summary>
    public const string OwnBuilder = "slipway";

    /// <summary>The BuildKit image of the builder Slipway creates: a release, pinned by digest (the one the generated workflows pin).</summary>
    public const string DefaultBuildkitImage = "moby/buildkit:v0.29.0@sha256:0039c1d47e8748b5afea56f4e85f14febaf34452bd99d9552d2daa82262b5cc5";

    /// <summary>The decision, from what the docker client reported.</summary>
    public static BuilderChoice Decide(bool buildxAvailable, string? currentDriver, bool containerdImageStore)
    {
        if (!buildxAvailable)
        {
            return new(BuildFrontend.Classic, null,
                "'docker buildx version' failed, so buildx is not installed: building with DOCKER_BUILDKIT=1 docker build, without a build cache to import or export " +
                "(docker clients 23 and newer refuse even that without buildx). Install the docker-buildx plugin for cached builds.");
        }
        if (currentDriver is not null && currentDriver != "docker")
            return new(BuildFrontend.Buildx, null, $"docker buildx with the current builder (driver '{currentDriver}'), which exports build caches");
        if (containerdImageStore)
            return new(BuildFrontend.Buildx, null, "docker buildx with the engine's BuildKit (docker driver); the containerd image store lets it export build caches");
        return new(BuildFrontend.Buildx, OwnBuilder,
            $"docker buildx with builder '{OwnBuilder}' (docker-container driver): the engine's docker driver cannot export build caches without the containerd image store");
    }

    /// <summary>Asks the docker client, creates the <c>slipway</c> builder when it is needed and missing, and returns the choice.</summary>
    /// <param name="docker">The docker client.</param>
    /// <param name="registryHost">The registry host of the build cache, if any; a local one is configured as plain HTTP.</param>
    /// <param name="configDirectory">Where the builder's buildkitd.toml is written.</param>
    /// <param name="cancellationToken">Cancels the docker calls.</param>
    /// <param name="buildkitImage">The BuildKit image of a builder Slipway creates; <see cref="DefaultBuildkitImage"/> when null.</param>
    public static async Task<BuilderChoice> SelectAsync(DockerCli docker, string? registryHost, AbsolutePath configDirectory, CancellationToken cancellationToken,
        string? buildkitImage = null)
    {
        // The two questions are independent: asked side by side, they cost one docker round trip instead of two. Only when
        // buildx cannot inspect its builder is it asked whether it is installed at all.
        var inspectTask = docker.TryAsync(cancellationToken, "buildx", "inspect");
        var infoTask = docker.TryAsync(cancellationToken, "info", "--format", "{{json .DriverStatus}}");
        await Task.WhenAll(inspectTask, infoTask);
        var inspect = inspectTask.Result;
        if (inspect.ExitCode != 0 && (await docker.TryAsync(cancellationToken, "buildx", "version")).ExitCode != 0) return Decide(false, null, false);

        var driver = inspect.StandardOutput.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("Driver:", StringComparison.Ordinal))?["Driver:".Length..].Trim();
        var containerd = infoTask.Result.StandardOutput.Contains("io.containerd.snapshotter", StringComparison.Ordinal);

        var choice = Decide(true, driver, containerd);
        if (choice.Builder is not null) await EnsureOwnBuilderAsync(docker, registryHost, configDirectory, buildkitImage ?? DefaultBuildkitImage, cancellationToken);
        return choice;
    }

    /// <summary>
    /// The buildx builder the user named (<c>--builder</c>: a remote, kubernetes or shared BuildKit), used as it is: it
    /// must exist (<c>docker buildx inspect &lt;name&gt;</c>); Slipway never replaces it with a builder of its own.
    /// </summary>
    public static async Task<BuilderChoice> NamedAsync(DockerCli docker, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        var inspect = await docker.TryAsync(cancellationToken, "buildx", "inspect", name);
        if (inspect.ExitCode != 0)
        {
            throw new BuildFailedException(
                $"--builder '{name}' is not a buildx builder here ({inspect.StandardError.Trim()}). List them with {docker.ToPaste("buildx", "ls")}, " +
                $"create it (e.g. {docker.ToPaste("buildx", "create", "--name", name, "--driver", "remote", "tcp://buildkitd:1234")}), or leave --builder out to use the current one.");
        }
        var driver = inspect.StandardOutput.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("Driver:", StringComparison.Ordinal))?["Driver:".Length..].Trim() ?? "unknown";
        return new(BuildFrontend.Buildx, name, $"docker buildx with the builder '{name}' named by --builder (driver '{driver}')");
    }

    /// <summary>The buildkitd.toml of the <c>slipway</c> builder: a registry on this machine is reached over plain HTTP.</summary>
    public static string BuildkitdConfig(string? registryHost) =>
        registryHost is not null && References.ImageRepository.IsLocalHost(registryHost)
            ? $"[registry.\"{registryHost}\"]\n  http = true\n  insecure = true\n"
            : "";

    /// <summary>The arguments that create the <c>slipway</c> builder.</summary>
    public static string[] CreateArguments(AbsolutePath config, string buildkitImage) =>
    [
        "buildx", "create", "--name", OwnBuilder, "--driver", "docker-container",
        "--driver-opt", "network=host", "--driver-opt", $"image={buildkitImage}", "--buildkitd-config", config,
    ];

    /// <summary>True when <c>docker buildx inspect</c>'s text shows the builder runs <paramref name="buildkitImage"/>.</summary>
    public static bool RunsImage(string inspectOutput, string buildkitImage) =>
        inspectOutput.Contains($"image=\"{buildkitImage}\"", StringComparison.Ordinal) || inspectOutput.Contains($"image={buildkitImage}", StringComparison.Ordinal);

    private static async Task EnsureOwnBuilderAsync(DockerCli docker, string? registryHost, AbsolutePath configDirectory, string buildkitImage, CancellationToken cancellationToken)
    {
        var existing = await docker.TryAsync(cancellationToken, "buildx", "inspect", OwnBuilder);
        if (existing.ExitCode == 0)
        {
            if (RunsImage(existing.StandardOutput, buildkitImage)) return;
            Serilog.Log.Information("The buildx builder '{Builder}' runs another BuildKit image than {Image}: replacing it (its build cache goes with it)", OwnBuilder, buildkitImage);
            await docker.TryAsync(cancellationToken, "buildx", "rm", OwnBuilder);
        }

        var config = configDirectory.CreateDirectory() / "buildkitd.toml";
        config.WriteAllText(BuildkitdConfig(registryHost));
        var created = await docker.TryAsync(cancellationToken, CreateArguments(config, buildkitImage));
        if (created.ExitCode != 0)
        {
            throw new BuildFailedException(
                $"Could not create the buildx builder '{OwnBuilder}' (docker-container driver, BuildKit {buildkitImage}), needed because this engine cannot export build caches: " +
                $"{created.StandardError.Trim()}. Turn on the containerd image store in the engine (daemon.json: \"features\": {{\"containerd-snapshotter\": true}}), " +
                $"pass --buildkit-image with a mirror of that image, " +
                $"or create a docker-container builder yourself: {docker.ToPaste("buildx", "create", "--name", OwnBuilder, "--driver", "docker-container", "--driver-opt", "network=host", "--driver-opt", $"image={buildkitImage}")}");
        }
    }
}
