using Slipway.Components.Catalog;
namespace Slipway.Components.Dockerfiles;

/// <summary>
/// Lints the Dockerfile before it is built: base images pinned by tag and digest, a final stage without the SDK,
/// project files restored before the source is copied, a <c>.dockerignore</c>, a non-root user, a health check,
/// exec-form entry points, no baked-in secrets, and for two or more <c>--platforms</c> no step under emulation. With the
/// build context it also finds what would break the build: a project reference the restore layer does not copy, a copy
/// source that is not in the context, an SDK image <c>global.json</c> rejects, an entry point no project builds. Findings print as <c>Dockerfile:LINE: ID message</c> and become
/// CI annotations; errors fail the target, warnings do not. <c># slipway-ignore ID</c> on the line above an
/// instruction suppresses a finding for it. Rule ids are listed in <c>Dockerfiles/README.md</c>.
/// </summary>
public interface IDockerLint : IContainerImage
{
    /// <summary>Build arguments as <c>NAME=value</c> that override <c>ARG</c> defaults while linting, e.g. the base image references the build passes.</summary>
    [Parameter("Build arguments as NAME=value that override ARG defaults while linting the Dockerfile (e.g. RUNTIME_IMAGE=...)")]
    string[] DockerLintBuildArgs => TryGetValue(() => DockerLintBuildArgs) ?? [];

    /// <summary>
    /// The build argument values the Dockerfile is linted with: <see cref="DockerLintBuildArgs"/> by default. A build
    /// that passes build arguments to the image build can override this to lint with the same values.
    /// </summary>
    IReadOnlyDictionary<string, string> DockerLintBuildArguments => BuildArguments.Parse(DockerLintBuildArgs);

    /// <summary>
    /// Lints the Dockerfile of each selected image, every one of them before it fails: the errors of all images are
    /// reported in one run. Warnings do not fail it.
    /// </summary>
    Target DockerLint => _ => _
        .Description("Lints the Dockerfile: pinned bases, multi-stage, restore caching, .dockerignore, non-root user, healthcheck, no secrets")
        .Validates(() => ImagePlatforms)
        .Validates(() => ImagesToPublish)
        .Executes(() =>
        {
            var failed = new List<string>();
            foreach (var image in ImagesToPublish)
            {
                try
                {
                    LintImage(image);
                }
                catch (BuildFailedException e) when (ImagesToPublish.Count > 1)
                {
                    failed.Add($"{image.Name}: {e.Message}");
                }
            }
            if (failed.Count > 0)
                throw new BuildFailedException($"{failed.Count} of {ImagesToPublish.Count} images failed the lint. {string.Join(" ", failed)}");
        });

    /// <summary>Lints <paramref name="image"/>'s Dockerfile against its build context.</summary>
    private void LintImage(ContainerImage image) =>
        DockerLintRun.Execute(RootDirectory, image.Dockerfile, DockerLintBuildArguments, note => ReportSummary(image, note),
            platforms: ImagePlatforms.Values, contextDirectory: image.Context,
            otherImageFolders: [.. ContainerImages.Where(i => i.Name != image.Name && i.Project?.Parent is not null).Select(i => (string)i.Project!.Parent!)]);
}
