using Serilog;
using Slipway.Components.Registry;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>What a build produced: the image loaded into the engine, and its steps.</summary>
internal sealed record BuiltImage(string LocalReference, string ImageId, BuildSteps Steps, BuilderChoice Builder)
{
    /// <summary>The build's part of <c>artifacts/image.json</c>; scan and push results start empty.</summary>
    public ImageRecord ToRecord(string image, string? version, string? commit, DateTimeOffset created) => new()
    {
        ImageId = ImageId,
        LocalReference = LocalReference,
        Image = image,
        Version = version,
        Commit = commit,
        Created = created,
        CachedSteps = Steps.CachedCount,
        TotalSteps = Steps.TotalCount,
        RestoreCached = Steps.RestoreCached,
    };
}

/// <summary>Builds an image with BuildKit and loads it into the engine as <c>&lt;image&gt;:build</c>.</summary>
internal sealed class ImageBuilder(DockerCli docker)
{
    /// <summary>Chooses the builder, plans the cache, runs the build, and reads back the loaded image's id.</summary>
    /// <param name="request">What to build.</param>
    /// <param name="configure">Changes the build command last (the component's <c>ConfigureDockerBuild</c>).</param>
    /// <param name="builderConfigDirectory">Where a builder Slipway has to create keeps its configuration.</param>
    /// <param name="cancellationToken">Stops the build; its process tree is killed.</param>
    public Task<BuiltImage> BuildAsync(ImageBuildRequest request, Func<ToolCommand, ToolCommand> configure,
        AbsolutePath builderConfigDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return BuildAsync(request, ChooseBuilderAsync(request.Registry, request.Image, builderConfigDirectory, cancellationToken), configure, cancellationToken);
    }

    /// <summary>
    /// Asks docker which builder to use (and creates Slipway's own when it is needed). It needs only the registry, so a
    /// build starts it first and gathers its labels meanwhile: docker's answers take a tenth of a second.
    /// </summary>
    public Task<BuilderChoice> ChooseBuilderAsync(string? registry, string image, AbsolutePath builderConfigDirectory, CancellationToken cancellationToken = default)
    {
        string? registryHost = null;
        try
        {
            if (registry is not null) registryHost = ImageRepository.Combine(registry, image).Host;
        }
        catch (BuildFailedException)
        {
            // A malformed registry or image fails the request's validation before the build runs; the choice is never read.
        }
        return BuilderSelection.SelectAsync(docker, registryHost, builderConfigDirectory, cancellationToken);
    }

    /// <summary>Plans the cache, runs the build with the builder <paramref name="choosing"/> yields, and reads back the loaded image's id.</summary>
    /// <param name="request">What to build.</param>
    /// <param name="choosing">The builder, from <see cref="ChooseBuilderAsync"/>.</param>
    /// <param name="configure">Changes the build command last (the component's <c>ConfigureDockerBuild</c>).</param>
    /// <param name="cancellationToken">Stops the build; its process tree is killed.</param>
    public async Task<BuiltImage> BuildAsync(ImageBuildRequest request, Task<BuilderChoice> choosing, Func<ToolCommand, ToolCommand> configure,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(choosing);
        ArgumentNullException.ThrowIfNull(configure);
        request.Validate();

        var builder = await choosing;
        Log.Information("Builder: {Reason}", builder.Reason);

        var cache = builder.Frontend == BuildFrontend.Classic
            ? BuildCachePlan.None("no build cache: the classic docker build cannot import or export one")
            : BuildCachePlan.For(request, (request.LocalCacheDirectory / "index.json").FileExists());
        Log.Information("Cache: {Cache}", cache.Description);
        cache.LocalExport?.DeleteDirectory();

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

        var inspect = await docker.Command("image", "inspect", "--format", "{{.Id}}", request.LocalReference)
            .ExecuteAsync(cancellationToken);
        var imageId = inspect.StandardOutput.Trim();
        var steps = progress.Steps;
        Log.Information("Built {Reference} ({ImageId}): {Summary}", request.LocalReference, imageId, steps.Summary);
        return new BuiltImage(request.LocalReference, imageId, steps, builder);
    }

    /// <summary>True for a <c>--cache-from</c> ref the registry does not hold yet, which is normal on a branch's first build.</summary>
    internal static bool IsMissingCacheImport(string error) =>
        error.Contains("importing cache manifest", StringComparison.OrdinalIgnoreCase)
        && error.EndsWith("not found", StringComparison.OrdinalIgnoreCase);

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

    private async Task<BuildProgress> RunAsync(ImageBuildRequest request, BuilderChoice builder, BuildCachePlan cache,
        Func<ToolCommand, ToolCommand> configure, CancellationToken cancellationToken)
    {
        BuildProgress progress = builder.Frontend == BuildFrontend.Buildx
            ? new RawJsonProgress(line => Log.Information("{Output}", line))
            : new PlainProgress();
        var command = docker.Command(DockerBuildArguments.For(request, builder, cache))
            .WithWorkingDirectory(request.ContextDirectory)
            .WithExitCodeValidation(false)
            // rawjson is for this reader; it logs the steps and their output. Plain progress is readable as it is.
            .WithOutputLogging(builder.Frontend == BuildFrontend.Classic)
            .WithOutputHandler(line =>
            {
                if (line.IsError) progress.Accept(line.Text);
            });
        if (builder.Frontend == BuildFrontend.Classic) command = command.WithEnvironment("DOCKER_BUILDKIT", "1");

        var result = await configure(command).ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var dockerHost = docker.Environment.GetValueOrDefault("DOCKER_HOST") ?? System.Environment.GetEnvironmentVariable("DOCKER_HOST");
            if (DaemonUnreachable(result, dockerHost) is { } message) throw new BuildFailedException(message);
            throw new BuildFailedException(
                $"The image build of {request.Dockerfile} failed (docker exited with code {result.ExitCode}):\n{progress.DescribeFailure()}\n" +
                "Fix the failing Dockerfile step; run the same build locally with ./build.sh DockerBuild to see its whole output.");
        }
        return progress;
    }
}
