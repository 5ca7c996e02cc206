using Slipway.IO;

namespace Slipway.Components;

/// <summary>
/// The image every container component works on: its name, registry and Dockerfile. The other container
/// components derive from this one, so a parameter is declared once.
/// </summary>
public interface IContainerImage : ISlipwayBuild
{
    /// <summary>The image repository name without registry, e.g. <c>acme-orders</c>. Defaults to the repository folder name in lower-kebab case.</summary>
    [Parameter("Image repository name without registry (default: the service name in lower-kebab case)")]
    string Image => TryGetValue(() => Image) ?? ImageNames.ToKebab(RootDirectory.Name);

    /// <summary>The registry and namespace images are pushed to, e.g. <c>ghcr.io/acme</c> or <c>localhost:5000</c>.</summary>
    [Parameter("Registry and namespace to push to, e.g. ghcr.io/acme or localhost:5000")]
    string? Registry => TryGetValue(() => Registry);

    /// <summary>The Dockerfile; its directory is the build context.</summary>
    [Parameter("Path of the Dockerfile (default: Dockerfile at the root); its directory is the build context")]
    AbsolutePath Dockerfile => TryGetValue(() => Dockerfile) ?? RootDirectory / "Dockerfile";

    /// <summary><c>artifacts/image.json</c>: what was built, scanned and pushed.</summary>
    AbsolutePath ImageRecordFile => ArtifactsDirectory / "image.json";
}
