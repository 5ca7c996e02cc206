using Slipway.Components.Destination;
using Slipway.Components.Docker;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>
/// What DockerBuild finds out before it builds, all side by side: the run's docker client (logged in to the destination,
/// before the cache import, the first registry access), the builder, git's facts, the version and the build context's
/// uncommitted files; the final base image's platforms are checked on the way. Gathered once per run, from the start of
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
    private static readonly PerBuild<Task<DockerBuildInputs>> s_inputs = new();

    /// <summary>The inputs of <paramref name="build"/>'s image build, gathered on the first call.</summary>
    public static Task<DockerBuildInputs> Of(IDockerBuild build) => s_inputs.Get(build, () => GatherAsync(build));

    private static async Task<DockerBuildInputs> GatherAsync(IDockerBuild build)
    {
        var cancellation = BuildCancellation.Token;
        var loggingIn = ContainerSession.DockerAsync(build);
        var reading = GitFacts.ReadAsync(build.RootDirectory, cancellation);
        var versioning = build.ImageVersionAsync;
        var changes = build.UncommittedFilesAsync;
        var docker = await loggingIn;
        // docker's answers first: reading the Dockerfile for its base image runs while they come.
        var choosing = build.Builder is { Length: > 0 } named
            ? BuilderSelection.NamedAsync(docker, named, cancellation)
            : BuilderSelection.SelectAsync(docker, ContainerSession.Destination(build)?.Repository.Host, build.TemporaryDirectory / "buildx", cancellation, build.BuildkitImage);
        var baseImage = FinalBaseImage.Of(build.Dockerfile, build.SdkImage, build.RuntimeImage);
        await BaseImagePlatforms.CheckAsync(docker, baseImage, build.ImagePlatforms, build.TemporaryDirectory / "base-image-platforms.json", cancellation);
        return new DockerBuildInputs(docker, await choosing, await reading, await versioning, await changes, baseImage);
    }
}
