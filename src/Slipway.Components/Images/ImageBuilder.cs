using Slipway.Components.Docker;
using Slipway.Components.Platforms;
using Serilog;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>What a build produced: the image loaded into the engine (its id, and its config digest when BuildKit reported it), and its steps.</summary>
internal sealed record BuiltImage(string LocalReference, string ImageId, string? ConfigDigest, BuildSteps Steps, BuilderChoice Builder)
{
    /// <summary>Each platform's image of a multi-platform build's index; null for a one-manifest build.</summary>
    public IReadOnlyList<PlatformImage>? Platforms { get; init; }

    /// <summary>What was loaded into the engine from the OCI layout (a build with <c>--platforms</c>); null otherwise.</summary>
    public OciArchive? Loaded { get; init; }
}

/// <summary>Builds an image with BuildKit and loads it into the engine as <c>&lt;image&gt;:build-&lt;nonce&gt;</c>.</summary>
internal sealed partial class ImageBuilder(DockerCli docker)
{
    /// <summary>Chooses the builder, plans the cache, runs the build, and reads back the loaded image's id.</summary>
    /// <param name="request">What to build.</param>
    /// <param name="configure">Changes the build command last (the component's <c>ConfigureDockerBuild</c>).</param>
    /// <param name="builderConfigDirectory">Where a builder Slipway has to create keeps its configuration.</param>
    /// <param name="cancellationToken">Stops the build; its process tree is killed.</param>
    public async Task<BuiltImage> BuildAsync(ImageBuildRequest request, Func<ToolCommand, ToolCommand> configure,
        AbsolutePath builderConfigDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = await BuilderSelection.SelectAsync(docker, request.CacheRepository?.Host, builderConfigDirectory, cancellationToken);
        return await BuildAsync(request, builder, configure, cancellationToken);
    }

    /// <summary>
    /// Plans the cache, runs the build with <paramref name="builder"/>, loads the image, and takes its id from BuildKit's
    /// metadata file (from the build's own unique name with the classic builder).
    /// </summary>
    /// <param name="request">What to build.</param>
    /// <param name="builder">The builder, from <see cref="BuilderSelection"/>.</param>
    /// <param name="configure">Changes the build command last (the component's <c>ConfigureDockerBuild</c>).</param>
    /// <param name="cancellationToken">Stops the build; its process tree is killed.</param>
    public async Task<BuiltImage> BuildAsync(ImageBuildRequest request, BuilderChoice builder, Func<ToolCommand, ToolCommand> configure,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        request.Validate();

        Log.Information("Builder: {Reason}", builder.Reason);
        if (request.Platforms.Values.Count > 0 && builder.Frontend == BuildFrontend.Classic)
            throw new BuildFailedException($"--platforms {request.Platforms.BuildxArgument} needs docker buildx, which is not installed. Install the docker-buildx plugin, or build without --platforms.");

        var cache = builder.Frontend == BuildFrontend.Classic
            ? BuildCachePlan.None("no build cache: the classic docker build cannot import or export one")
            : BuildCachePlan.For(request, (request.LocalCacheDirectory / "index.json").FileExists());
        Log.Information("Cache: {Cache}", cache.Description);
        cache.LocalExport?.DeleteDirectory();
        request.ScratchDirectory.CreateDirectory();

        var progress = await RunAsync(request, builder, cache, configure, cancellationToken);
        foreach (var error in progress.Errors)
        {
            if (IsMissingCacheImport(error))
                Log.Information("No build cache to import yet ({Error}): the first build of a branch fills it", error);
            else
                Log.Warning("The image is built, but {Error}. The next build may not find this build cache; check the registry and its login", error);
        }

        if (cache.LocalExport is { } exported && exported.DirectoryExists())
        {
            request.LocalCacheDirectory.DeleteDirectory();
            Directory.Move(exported, request.LocalCacheDirectory);
        }

        var (imageId, configDigest, platforms, loaded) = builder.Frontend == BuildFrontend.Buildx
            ? await LoadAsync(request, cancellationToken)
            : (await InspectIdAsync(request.LocalReference, cancellationToken) ?? throw new BuildFailedException(
                $"The build finished, but {request.LocalReference} is not in the engine. Run ./build.sh DockerBuild again."), null, null, null);
        var steps = progress.Steps;
        Log.Information("Built {Reference} ({ImageId}): {Summary}", request.LocalReference, imageId, steps.Summary);
        foreach (var platform in platforms ?? []) Log.Information("  {Platform}: {Digest}", platform.Platform, platform.Digest);
        return new BuiltImage(request.LocalReference, imageId, configDigest, steps, builder) { Platforms = platforms, Loaded = loaded };
    }

    // The checkout's OCI layout after a build with --platforms: it must hold the index (or the one manifest) BuildKit
    // reported, with exactly the requested platforms; an earlier build's image is dropped from it. Returns too what the
    // previous build's image reached, read before it is dropped: the blobs the engine holds when it still holds that image.
    private (OciLayout Layout, IReadOnlyList<PlatformImage> Platforms, IReadOnlySet<string> PreviousBlobs) ReadLayout(ImageBuildRequest request, BuildMetadata metadata)
    {
        var layout = new OciLayout(request.LayoutDirectory);
        var digest = metadata.ManifestDigest ?? throw new BuildFailedException(
            $"BuildKit's metadata file of the build names no image digest, so the OCI layout {request.LayoutDirectory} cannot be read. Run ./build.sh DockerBuild again.");
        var previousBlobs = request.PreviousImage is { } previous ? layout.Reachable(previous.Id) : NoBlobs;
        layout.Retain(digest);
        var (indexDigest, platforms) = layout.ReadIndex();
        if (indexDigest != metadata.ManifestDigest)
            throw new BuildFailedException($"The OCI layout holds {indexDigest}, but BuildKit reported {metadata.ManifestDigest}. Run ./build.sh DockerBuild again.");
        var built = platforms.Select(p => p.Platform).Order(StringComparer.Ordinal).ToList();
        if (!built.SequenceEqual(request.Platforms.Values.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            throw new BuildFailedException($"The build made an index of {string.Join(", ", built)}, not of the requested {request.Platforms}. Check the builder's platforms ({docker.ToPaste("buildx", "ls")}).");
        return (layout, platforms, previousBlobs);
    }

    private static readonly IReadOnlySet<string> NoBlobs = new HashSet<string>();

    // Loads the build into the engine, from the OCI layout (streamed as an archive) or the exported tarball, and finds the
    // image by the digests the build reported: the manifest digest is the image id in the containerd image store, the
    // config digest in the classic one.
    private async Task<(string ImageId, string? ConfigDigest, IReadOnlyList<PlatformImage>? Platforms, OciArchive? Loaded)> LoadAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = BuildMetadata.Read(request.MetadataFile);
            IReadOnlyList<PlatformImage>? platforms = null;
            OciArchive? loaded = null;
            if (request.Platforms.Values.Count > 0)
            {
                var loader = new LayoutLoader(docker);
                var holding = loader.HoldsAsync(request.PreviousImage, cancellationToken);
                (var layout, platforms, var previousBlobs) = ReadLayout(request, metadata);
                var held = await holding ? new HeldBlobs(request.PreviousImage!, previousBlobs) : null;
                var result = await loader.LoadAsync(layout, held, cancellationToken);
                loaded = result.Archive;
                if (result.Tool.ExitCode != 0) throw LoadFailed(request, $"the OCI layout {request.LayoutDirectory}", result.Tool);
            }
            else
            {
                var result = await docker.Command("load", "--quiet", "--input", request.ImageTarball).WithExitCodeValidation(false).ExecuteAsync(cancellationToken);
                if (result.ExitCode != 0) throw LoadFailed(request, request.ImageTarball, result);
            }
            foreach (var candidate in new[] { metadata.ManifestDigest, metadata.ConfigDigest })
            {
                if (candidate is not null && await InspectIdAsync(candidate, cancellationToken) == candidate) return (candidate, metadata.ConfigDigest, platforms, loaded);
            }
            if (platforms is not null)
                throw new BuildFailedException(
                    $"The image index {metadata.ManifestDigest} is not in the engine after docker load. A multi-platform image needs the containerd image store " +
                    "(daemon.json: \"features\": {\"containerd-snapshotter\": true}); or build one platform.");
            throw new BuildFailedException(
                $"The built image {metadata.ManifestDigest} (config {metadata.ConfigDigest}) is not in the engine after docker load. Run ./build.sh DockerBuild again.");
        }
        finally
        {
            request.ImageTarball.DeleteFile();
            request.MetadataFile.DeleteFile();
        }
    }

    private static BuildFailedException LoadFailed(ImageBuildRequest request, string source, ToolResult result) =>
        new($"docker load of the built image ({source}) failed: {result.StandardError.Trim()}. Check the disk space of {request.ScratchDirectory} and the daemon.");

    private async Task<string?> InspectIdAsync(string reference, CancellationToken cancellationToken)
    {
        var inspect = await docker.TryAsync(cancellationToken, "image", "inspect", "--format", "{{.Id}}", reference);
        return inspect.ExitCode == 0 ? inspect.StandardOutput.Trim() : null;
    }

    /// <summary>True for a <c>--cache-from</c> ref the registry does not hold yet, which is normal on a branch's first build.</summary>
    internal static bool IsMissingCacheImport(string error) =>
        error.Contains("importing cache manifest", StringComparison.OrdinalIgnoreCase)
        && error.EndsWith("not found", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// BuildKit's final error when the build's session was gone, the transient failure of a build started right after an
    /// interrupted one: buildx's <c>ERROR:</c> line whose root cause (its end) is the session manager's <c>no active sessions</c>
    /// or <c>no active session for &lt;id&gt;: context deadline exceeded</c>. Null for every other failure (a failing step ends
    /// with its exit code; a missing secret is <c>secret … not found</c>), which is never retried.
    /// </summary>
    internal static string? LostSession(ToolResult result) => result.Output
        .Where(l => l.IsError)
        .Select(l => l.Text.Trim())
        .LastOrDefault(t => t.StartsWith("ERROR: ", StringComparison.Ordinal) && LostSessionCause().IsMatch(t));

    [System.Text.RegularExpressions.GeneratedRegex(@": (no active sessions|no active session for [0-9a-z]+: context deadline exceeded)$")]
    private static partial System.Text.RegularExpressions.Regex LostSessionCause();

    private static BuildProgress NewProgress(BuilderChoice builder) => builder.Frontend == BuildFrontend.Buildx
        ? new RawJsonProgress(line => Log.Information("{Output}", line))
        : new PlainProgress();

    /// <summary>The error for a docker client that reached no daemon, naming DOCKER_HOST and the fix; null for any other failure.</summary>
    internal static string? DaemonUnreachable(ToolResult result, string? host)
    {
        var line = result.Output.Select(l => l.Text).FirstOrDefault(t =>
            t.Contains("Cannot connect to the Docker daemon", StringComparison.Ordinal)
            || t.Contains("error during connect", StringComparison.Ordinal));
        if (line is null) return null;
        return $"No Docker daemon answers ({line.Trim()}). DOCKER_HOST is {(string.IsNullOrEmpty(host) ? "not set, so the default socket /var/run/docker.sock is used" : $"'{host}'")}. " +
            "Start the daemon (sudo systemctl start docker, or Docker Desktop), or point DOCKER_HOST at one that runs (e.g. unix:///run/user/1000/docker.sock for rootless Docker).";
    }

    /// <summary>How long a build that lost its BuildKit session waits before its one retry: the interrupted build's solve winds down meanwhile.</summary>
    internal static readonly TimeSpan SessionRetryDelay = TimeSpan.FromSeconds(2);

    private async Task<BuildProgress> RunAsync(ImageBuildRequest request, BuilderChoice builder, BuildCachePlan cache,
        Func<ToolCommand, ToolCommand> configure, CancellationToken cancellationToken)
    {
        BuildProgress progress = NewProgress(builder);
        var settings = request.ConfigureSettings(DockerBuildArguments.Settings(request, builder, cache));
        var command = docker.Command(settings.ToArguments())
            .WithWorkingDirectory(request.ContextDirectory)
            .WithExitCodeValidation(false)
            // rawjson is for this reader; it logs the steps and their output. Plain progress is readable as it is.
            .WithOutputLogging(builder.Frontend == BuildFrontend.Classic)
            .WithOutputHandler(line =>
            {
                if (line.IsError) progress.Accept(line.Text); // the current attempt's progress
            });
        if (builder.Frontend == BuildFrontend.Classic) command = command.WithEnvironment("DOCKER_BUILDKIT", "1");
        else foreach (var secret in settings.Secrets) command = command.WithEnvironment(secret.EnvironmentVariable, secret.Value).WithSecret(secret.Value);

        var result = await configure(command).ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0 && LostSession(result) is { } lost)
        {
            // Right after an interrupted build, BuildKit can still hold the old build's steps, tied to a session that is gone
            // (moby/buildkit#2367, #6422). A new docker build opens a new session; any other failure is never retried.
            Log.Warning("BuildKit lost the build's session ({Error}), as it can right after an interrupted build: building once more with a fresh session", lost);
            await Task.Delay(SessionRetryDelay, cancellationToken);
            progress = NewProgress(builder);
            cache.LocalExport?.DeleteDirectory();
            result = await configure(command).ExecuteAsync(cancellationToken);
            if (result.ExitCode == 0) Log.Information("The retry with a fresh BuildKit session succeeded");
        }
        if (result.ExitCode != 0)
        {
            var dockerHost = docker.Environment.GetValueOrDefault("DOCKER_HOST");
            if (DaemonUnreachable(result, dockerHost) is { } message) throw new BuildFailedException(message);
            throw new BuildFailedException(
                $"The image build of {request.Dockerfile} failed (docker exited with code {result.ExitCode}):\n{progress.DescribeFailure()}\n" +
                "Fix the failing Dockerfile step; run the same build locally with ./build.sh DockerBuild to see its whole output.");
        }
        return progress;
    }
}
