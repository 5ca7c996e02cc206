using Serilog;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>
/// Builds the service image with BuildKit (<c>docker buildx build</c>, or <c>DOCKER_BUILDKIT=1 docker build</c> without
/// buildx), loads it into the engine as <c>&lt;image&gt;:build</c> for scanning, labels it with the OCI annotations,
/// reuses a build cache (the registry's per branch when <c>--registry</c> is set, else <c>.nuke/temp/buildx-cache</c>),
/// reports which steps came from the cache, and records the image in <c>artifacts/image.json</c>.
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

    /// <summary>The version the image is labelled and recorded with; the versioning component provides it. No version label when null.</summary>
    string? ImageVersion => null;

    /// <summary>Changes the build command before it runs, e.g. to add <c>--secret</c> or <c>--platform</c>. Returns it unchanged by default.</summary>
    ToolCommand ConfigureDockerBuild(ToolCommand command) => command;

    /// <summary>Builds the image, loads it as <c>&lt;image&gt;:build</c> and writes <c>artifacts/image.json</c>.</summary>
    Target DockerBuild => _ => _
        .Description("Builds the image with BuildKit and its build cache, loads it as <image>:build and records it in artifacts/image.json")
        .Executes(async () =>
        {
            // docker is asked for its builder while git and the version (GitVersion) answer: the three run side by side.
            var builder = new ImageBuilder(DockerCli.FromPath);
            var choosing = builder.ChooseBuilderAsync(Registry, Image, TemporaryDirectory / "buildx", BuildCancellation.Token);
            var reading = GitFacts.ReadAsync(RootDirectory, BuildCancellation.Token);
            var versioning = Task.Run(() => ImageVersion);
            var git = await reading;
            var version = await versioning;
            var created = DateTimeOffset.UtcNow;
            var commit = git.Commit ?? Host.Commit;
            var request = new ImageBuildRequest
            {
                Dockerfile = Dockerfile,
                Image = Image,
                Registry = Registry,
                SdkImage = SdkImage,
                RuntimeImage = RuntimeImage,
                Branch = Host.Branch ?? git.Branch,
                LocalCacheDirectory = TemporaryDirectory / "buildx-cache",
                Labels = OciLabels.For(new ImageProvenance(Image, version, commit, created, git.Source, Licenses)),
            };
            var built = await builder.BuildAsync(request, choosing, ConfigureDockerBuild, BuildCancellation.Token);

            built.ToRecord(Image, version, commit, created).Write(ImageRecordFile);
            Log.Information("Recorded {Reference} in {File}", built.LocalReference, ImageRecordFile);
            ReportSummary(built.Steps.Summary);
        });
}
