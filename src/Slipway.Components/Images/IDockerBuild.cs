using Slipway.Components.Catalog;
using Slipway.Components.Destination;
using Slipway.Components.Docker;
using Serilog;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>
/// Builds the service image with BuildKit (<c>docker buildx build</c>, or <c>DOCKER_BUILDKIT=1 docker build</c> without
/// buildx), loads it into the engine under a name unique to the build (<c>&lt;image&gt;:build-&lt;nonce&gt;</c>) for scanning,
/// labels it with the OCI annotations, reuses a build cache (the destination repository's per branch — <c>--registry</c> or
/// the CI's own, logged in first — else <c>.nuke/temp/buildx-cache</c>), reports which steps came from the cache, and records the image in
/// its record (<c>artifacts/image.json</c>). One commit builds one digest: the image's times are the commit's (<c>SOURCE_DATE_EPOCH</c>).
/// Each selected image is built in turn, with its own cache ref, record and build names.
/// </summary>
public interface IDockerBuild : IContainerImage
{
    /// <summary>The SDK image of the Dockerfile's build stage, passed as build argument <c>SDK_IMAGE</c>; null keeps the Dockerfile's pinned default.</summary>
    [Parameter("SDK base image for the build stage, pinned by digest (build argument SDK_IMAGE; default: the Dockerfile's)")]
    string? SdkImage => TryGetValue(() => SdkImage);

    /// <summary>The runtime image of the Dockerfile's final stage, passed as build argument <c>RUNTIME_IMAGE</c>; null keeps the Dockerfile's pinned default.</summary>
    [Parameter("Runtime base image for the final stage, pinned by digest (build argument RUNTIME_IMAGE; default: the Dockerfile's)")]
    string? RuntimeImage => TryGetValue(() => RuntimeImage);

    /// <summary>The SPDX license expression of the <c>org.opencontainers.image.licenses</c> label, e.g. <c>MIT</c>; no label when null.</summary>
    [Parameter("SPDX license expression for the image's org.opencontainers.image.licenses label, e.g. MIT")]
    string? Licenses => TryGetValue(() => Licenses);

    /// <summary>
    /// The buildx builder to build with, e.g. a remote or kubernetes BuildKit shared by the team's runners; used as it is.
    /// Null: buildx's current builder (<c>BUILDX_BUILDER</c>, <c>docker buildx use</c>), or Slipway's own when the
    /// engine's builder cannot export a build cache.
    /// </summary>
    [Parameter("buildx builder to build with, e.g. a remote or kubernetes BuildKit (default: the current one, BUILDX_BUILDER)")]
    string? Builder => TryGetValue(() => Builder);

    /// <summary>
    /// The BuildKit image of the <c>docker-container</c> builder Slipway creates when the engine's own cannot export a
    /// build cache (no containerd image store): pinned by digest, because it builds the image that is signed. Set it to
    /// a mirror of the same image where Docker Hub is out of reach or rate-limited. Null: Slipway's pinned release.
    /// </summary>
    [Parameter("BuildKit image of the builder Slipway creates when the engine's cannot export a build cache, pinned by digest (default: a pinned moby/buildkit release; set a mirror here)")]
    string? BuildkitImage => TryGetValue(() => BuildkitImage);

    /// <summary>Runs every build step anew (<c>--no-cache</c>): a cold build, e.g. to check that a commit rebuilds to its published digest.</summary>
    [Parameter("Run every build step anew, importing no build cache (a cold build; the cache is still written)")]
    bool NoBuildCache => TryGetValue(() => NoBuildCache);

    /// <summary>
    /// The token of a private NuGet feed, given to the Dockerfile as the BuildKit secret <c>nuget_auth_token</c>; a NuGet.config
    /// refers to it as <c>%NUGET_AUTH_TOKEN%</c>. Default on CI: <c>GITHUB_TOKEN</c> (GitHub Packages), <c>CI_JOB_TOKEN</c> (GitLab).
    /// </summary>
    [Parameter("Private NuGet feed token, mounted as the BuildKit secret nuget_auth_token (default on CI: GITHUB_TOKEN, CI_JOB_TOKEN)")]
    [Secret]
    string? NugetAuthToken => TryGetValue(() => NugetAuthToken);

    /// <summary>
    /// The version the image is labelled and recorded with; the versioning component provides it (once per run). No version
    /// label when it is null.
    /// </summary>
    Task<string?> ImageVersionAsync => Task.FromResult<string?>(null);

    /// <summary>
    /// The files of the one <see cref="IContainerImage.SelectedImage"/>'s build context that differ from HEAD
    /// (<see cref="UncommittedFilesOf"/>), for the targets that work on one image.
    /// </summary>
    Task<IReadOnlyList<string>> UncommittedFilesAsync => UncommittedFilesOf(SelectedImage);

    /// <summary>
    /// The files of <paramref name="image"/>'s build context (as <c>.dockerignore</c> defines it) that differ from HEAD:
    /// modified, untracked or ignored by git. Read once per run and image (the first read starts git, every read returns
    /// the same task); an image built with any of them is labelled <c>&lt;commit&gt;-dirty</c>.
    /// </summary>
    Task<IReadOnlyList<string>> UncommittedFilesOf(ContainerImage image) =>
        SourceCache.Changes.Get(this, image.Name, () => ReadUncommittedAsync(image));

    private static async Task<IReadOnlyList<string>> ReadUncommittedAsync(ContainerImage image) =>
        (await SourceChanges.ReadAsync(image.Context, image.Dockerfile, BuildCancellation.Token)).Files;

    /// <summary>Changes the whole build command (environment, timeout, arguments) last, after the typed hook. Returns it unchanged by default.</summary>
    ToolCommand ConfigureDockerBuild(ToolCommand command) => command;

    /// <summary>
    /// Edits the typed settings of the build command (build arguments, labels, secrets, <c>--no-cache</c>, raw
    /// arguments) before it runs; the <see cref="ConfigureDockerBuild(ToolCommand)"/> hook then sees the rendered command.
    /// Returns them unchanged by default.
    /// </summary>
    /// <example><c>DockerBuildSettings IDockerBuild.ConfigureDockerBuild(DockerBuildSettings s) => s.AddSecret("npm_token", NpmToken!);</c></example>
    DockerBuildSettings ConfigureDockerBuild(DockerBuildSettings settings) => settings;

    private IReadOnlyList<BuildSecret> BuildSecrets()
    {
        if (BuildSecret.NugetAuthToken(NugetAuthToken, BuildEnvironment.Of(this)) is not { } token) return [];
        Log.Information("The NuGet feed token from {Source} is the build secret {Id}: only RUN --mount=type=secret,id={Id} steps see it", token.Source, token.Id, token.Id);
        return [token];
    }

    /// <summary>Builds each selected image, loads it as <c>&lt;image&gt;:build-&lt;nonce&gt;</c> and writes its record (<c>artifacts/image.json</c> for the root Dockerfile's).</summary>
    Target DockerBuild => _ => _
        .Description("Builds each image with BuildKit and its build cache, loads it under a name of its own and records it (artifacts/image.json)")
        .OnlyWhenStatic(() => !Invocation.Targets.Contains(MergeJob.IndexTarget) && !Invocation.Targets.Contains(MergeJob.SetTarget))
        .Validates(() => ImagePlatforms)
        .Validates(() => ImagesToPublish)
        .Prepares(() => Task.WhenAll(ImagesToPublish.Select(image => DockerBuildInputs.Of(this, image))))
        .Executes(async () =>
        {
            foreach (var image in ImagesToPublish) await BuildImageAsync(image);
        });

    /// <summary>Builds <paramref name="image"/> with its own cache ref, records it in its record and retires its earlier build name.</summary>
    private async Task BuildImageAsync(ContainerImage image)
    {
        var destination = ContainerSession.Destination(this, image);
        var (docker, builderChoice, git, version, uncommitted, baseImage) = await DockerBuildInputs.Of(this, image);
        var builder = new ImageBuilder(docker);
        var created = git.CommitTime ?? DateTimeOffset.UtcNow;
        var commit = git.Commit ?? Host.Commit;
        var revision = ImageRevision.Of(commit, uncommitted.Count > 0);
        if (uncommitted.Count > 0)
            Log.Warning("The build context of {Image} has {Count} uncommitted file(s): {Files}. The image is labelled {Revision}", image.Name, uncommitted.Count, new SourceChanges(uncommitted).Describe(), revision);
        var recordFile = image.RecordFile;
        var previous = ImageRecord.Read(recordFile);
        var ownFiles = ImageFiles.Under(TemporaryDirectory, image, ContainerImages);
        var request = new ImageBuildRequest
        {
            Dockerfile = image.Dockerfile,
            ContextDirectory = image.Context,
            Image = image.Name,
            CacheRepository = destination?.Repository,
            SdkImage = SdkImage,
            RuntimeImage = RuntimeImage,
            Branch = Host.Branch ?? git.Branch,
            LocalCacheDirectory = ownFiles / "buildx-cache",
            SourceDateEpoch = git.CommitTime?.ToUnixTimeSeconds(),
            NoCache = NoBuildCache,
            PreviousImage = LoadedImage.Of(previous),
            Platforms = ImagePlatforms,
            Secrets = BuildSecrets(),
            ConfigureSettings = ConfigureDockerBuild,
            Labels = OciLabels.For(new ImageProvenance(image.Name, version, revision, created, git.Source, Licenses)
            {
                BaseName = baseImage,
            }),
        };
        var built = await builder.BuildAsync(request, builderChoice, ConfigureDockerBuild, BuildCancellation.Token);

        ImageRecord.Built(built, image.Name, version, commit, revision, uncommitted, created).Write(recordFile);
        Log.Information("Recorded {Reference} in {File}", built.LocalReference, recordFile);
        if (previous?.LocalReference is { } old && old != built.LocalReference) RetiredImages.Add(ownFiles, image.Name, old);
        RetiredImages.Remove(this, docker, image.Name, ownFiles);
        ReportSummary(image, built.Steps.Summary);
    }
}

/// <summary>The key of the run's source changes.</summary>
internal static class SourceCache
{
    public static PerBuild<Task<IReadOnlyList<string>>> Changes { get; } = new();
}

/// <summary>The <c>revision</c> label of an image: its commit, with <c>-dirty</c> when built from uncommitted changes.</summary>
internal static class ImageRevision
{
    public const string DirtySuffix = "-dirty";

    public static string? Of(string? commit, bool dirty) => commit is null ? null : dirty ? commit + DirtySuffix : commit;
}
