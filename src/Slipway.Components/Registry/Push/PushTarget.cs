
namespace Slipway.Components.Registry;

/// <summary>Where a build pushes: <c>--registry</c> plus <c>--image</c>, else GitLab's <c>CI_REGISTRY_IMAGE</c>.</summary>
internal static class PushTarget
{
    public static ImageRepository Repository(IContainerImage build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Repository(build.Registry, build.Image, Versioning.BuildEnvironment.Of(build));
    }

    public static ImageRepository Repository(string? registry, string image, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(registry)) return ImageRepository.Combine(registry, image);
        if (environment.TryGetValue("CI_REGISTRY_IMAGE", out var gitlab) && gitlab.Length > 0) return ImageRepository.Parse(gitlab);
        throw new BuildFailedException(
            "No registry to push to. Pass --registry (e.g. --registry ghcr.io/acme or --registry localhost:5000) " +
            "or set the environment variable REGISTRY (or SLIPWAY_REGISTRY); on GitLab CI, CI_REGISTRY_IMAGE is used when set.");
    }
}
