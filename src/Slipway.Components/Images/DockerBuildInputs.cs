using Slipway.Components.Catalog;
using Slipway.Components.Destination;
using Slipway.Components.Docker;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>
/// What DockerBuild finds out before it builds, all side by side: the run's docker client (logged in to the destination,
/// before the cache import, the first registry access), the builder, git's facts, the version and the build context's
/// uncommitted files; the final base image's platforms are checked on the way. Gathered once per run and image, from the start of
/// the run when DockerBuild is planned (<c>Prepares</c>), so it is ready when earlier targets are done.
/// </summary>
/// <param name="Docker">The run's docker client.</param>
/// <param name="Builder">The buildx builder (or the classic build) to build with.</param>
/// <param name="Git">HEAD's commit, time and branch, and the origin remote.</param>
/// <param name="Version">The version the image is labelled with, if any.</param>
/// <param name="Uncommitted">The build context's files that differ from HEAD.</param>
/// <param name="BaseImage">The final stage's base image, with the build arguments applied; null for <c>scratch</c>.</param>
internal sealed record DockerBuildInputs(DockerCli Docker, BuilderChoice Builder, GitFacts Git, string? Version, IReadOnlyList<string> Uncommitted, string? BaseImage)
{
    private sealed record RunInputs(DockerCli Docker, BuilderChoice Builder, GitFacts Git, string? Version);

    private static readonly PerBuild<Task<RunInputs>> s_run = new();
    private static readonly PerBuild<Task<DockerBuildInputs>> s_images = new();

    /// <summary>The inputs of <paramref name="image"/>'s build, gathered on the first call; what every image shares (login, builder, git, version) once per run.</summary>
    public static Task<DockerBuildInputs> Of(IDockerBuild build, ContainerImage image) => s_images.Get(build, image.Name, () => GatherAsync(build, image));

    private static async Task<DockerBuildInputs> GatherAsync(IDockerBuild build, ContainerImage image)
    {
        var run = s_run.Get(build, () => GatherRunAsync(build));
        var changes = build.UncommittedFilesOf(image);
        var docker = (await run).Docker;
        var baseImage = FinalBaseImage.Of(image.Dockerfile, build.SdkImage, build.RuntimeImage);
        await BaseImagePlatforms.CheckAsync(docker, baseImage, build.ImagePlatforms,
            ImageFiles.Under(build.TemporaryDirectory, image, build.ContainerImages) / "base-image-platforms.json", BuildCancellation.Token);
        var (_, builder, git, version) = await run;
        return new DockerBuildInputs(docker, builder, git, version, await changes, baseImage);
    }

    private static async Task<RunInputs> GatherRunAsync(IDockerBuild build)
    {
        var cancellation = BuildCancellation.Token;
        var loggingIn = ContainerSession.DockerAsync(build);
        var reading = GitFacts.ReadAsync(build.RootDirectory, cancellation);
        var versioning = build.ImageVersionAsync;
        var docker = await loggingIn;
        var builder = await (build.Builder is { Length: > 0 } named
            ? BuilderSelection.NamedAsync(docker, named, cancellation)
            : BuilderSelection.SelectAsync(docker, ContainerSession.Destination(build)?.Repository.Host, build.TemporaryDirectory / "buildx", cancellation, build.BuildkitImage));
        return new RunInputs(docker, builder, await reading, await versioning);
    }
}
