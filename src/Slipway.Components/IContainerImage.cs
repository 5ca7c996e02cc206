using Slipway.Processes;
using Slipway.IO;

namespace Slipway.Components;

/// <summary>
/// The image every container component works on: its name, registry, Dockerfile and the registry login. The other
/// container components derive from this one, so a parameter is declared once and the destination is resolved once.
/// </summary>
public interface IContainerImage : ISlipwayBuild
{
    /// <summary>The image repository name without registry, e.g. <c>acme-orders</c>. Defaults to the repository folder name in lower-kebab case.</summary>
    [Parameter("Image repository name without registry (default: the service name in lower-kebab case)")]
    string Image => TryGetValue(() => Image) ?? ImageNames.ToKebab(RootDirectory.Name);

    /// <summary>
    /// The registry and namespace images are pushed to, e.g. <c>ghcr.io/acme</c> or <c>localhost:5000</c>. Without one,
    /// GitHub Actions pushes to <c>ghcr.io/&lt;owner&gt;</c> and GitLab CI to the project's <c>CI_REGISTRY_IMAGE</c>.
    /// </summary>
    [Parameter("Registry and namespace to push to, e.g. ghcr.io/acme or localhost:5000 (default on CI: ghcr.io/<owner>, GitLab's CI_REGISTRY_IMAGE)")]
    string? Registry => TryGetValue(() => Registry);

    /// <summary>The registry user name. On CI it defaults to <c>GITHUB_ACTOR</c> (ghcr.io) or <c>CI_REGISTRY_USER</c> (GitLab).</summary>
    [Parameter("Registry user name (default on CI: GITHUB_ACTOR for ghcr.io, CI_REGISTRY_USER on GitLab)")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    /// <summary>The registry password or token. On CI it defaults to <c>GITHUB_TOKEN</c> (ghcr.io) or <c>CI_REGISTRY_PASSWORD</c> (GitLab).</summary>
    [Parameter("Registry password or token (default on CI: GITHUB_TOKEN for ghcr.io, CI_REGISTRY_PASSWORD on GitLab)")]
    [Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    /// <summary>The Dockerfile; its directory is the build context.</summary>
    [Parameter("Path of the Dockerfile (default: Dockerfile at the root); its directory is the build context")]
    AbsolutePath Dockerfile => TryGetValue(() => Dockerfile) ?? RootDirectory / "Dockerfile";

    /// <summary>
    /// The platforms the image is built for, e.g. <c>linux/amd64</c> and <c>linux/arm64</c>. Two or more make one OCI image
    /// index (one manifest per platform) that is scanned per platform and pushed, tagged and signed as one digest. Empty
    /// (the default): the builder's own platform, one manifest.
    /// </summary>
    [Parameter("Platforms to build the image for, e.g. linux/amd64,linux/arm64 (default: the builder's own); two or more push one image index")]
    string[] Platforms => TryGetValue(() => Platforms) ?? [];

    /// <summary>The <see cref="Platforms"/>, checked before the first target runs: an unknown platform stops the build there.</summary>
    global::Slipway.Components.Platforms.TargetPlatforms ImagePlatforms => global::Slipway.Components.Platforms.TargetPlatforms.Parse(Platforms);

    /// <summary>
    /// Edits each <c>docker login</c> Slipway runs before it runs: the one to the destination registry (once a run, when
    /// there are credentials) and Promote's to its target (<see cref="Docker.DockerLoginSettings.Server"/> tells them
    /// apart). Returns it unchanged by default.
    /// </summary>
    /// <example><c>DockerLoginSettings IContainerImage.ConfigureDockerLogin(DockerLoginSettings s) => s with { Username = "robot$ci" };</c></example>
    global::Slipway.Components.Docker.DockerLoginSettings ConfigureDockerLogin(global::Slipway.Components.Docker.DockerLoginSettings settings) => settings;

    /// <summary><c>artifacts/image.json</c>: what was built, scanned and pushed.</summary>
    AbsolutePath ImageRecordFile => ArtifactsDirectory / "image.json";
}
