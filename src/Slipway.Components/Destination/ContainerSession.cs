using Slipway.Components.Catalog;
using Slipway.Components.Docker;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Destination;

/// <summary>The destination and the logged-in docker client of a run, resolved once and shared by every container component.</summary>
public static class ContainerSession
{
    private sealed record Resolved(RegistryDestination? Destination);

    private static readonly PerBuild<Resolved> s_destinations = new();
    private static readonly PerBuild<Task<DockerCli>> s_logins = new();

    /// <summary>
    /// The destination of the run's first selected image (or of the whole reference in <c>--image</c>): the registry the
    /// run logs in to, and the one image's repository where a target works on one image (platform jobs).
    /// </summary>
    internal static RegistryDestination? Destination(IContainerImage build) =>
        ImageNames.IsReference(build.Image) || build.SelectedImages is not [var first, ..]
            ? Resolve(build, build.Image, oneOfSeveral: false)
            : Destination(build, first);

    /// <summary>
    /// <paramref name="image"/>'s destination, resolved once per image: <c>&lt;registry&gt;/&lt;name&gt;</c>, else the CI's own
    /// (GitLab's <c>CI_REGISTRY_IMAGE/&lt;name&gt;</c> when the repository has several images); null for a local build
    /// without a registry. A malformed one fails naming the option.
    /// </summary>
    internal static RegistryDestination? Destination(IContainerImage build, ContainerImage image) => s_destinations.Get(build, image.Name, () =>
        new Resolved(Resolve(build, image.Name, oneOfSeveral: build.ContainerImages.Count > 1))).Destination;

    private static RegistryDestination? Resolve(IContainerImage build, string name, bool oneOfSeveral) =>
        RegistryDestination.Resolve(build.Registry, name, build.RegistryUsername, build.RegistryPassword, BuildEnvironment.Of(build), oneOfSeveral);

    /// <summary>
    /// The run's docker client, the one every built-in component calls docker through: logged in to the destination
    /// registry (once per run, into a private <c>DOCKER_CONFIG</c> deleted when the build ends) when there are credentials;
    /// its daemon and client configuration are those <c>Host.Environment</c> names.
    /// </summary>
    public static Task<DockerCli> DockerAsync(IContainerImage build) => s_logins.Get(build, () => Destination(build) is { } destination
        ? RegistryLogin.LogInAsync(destination, DockerCli.For(build.Host.Environment), build.OnBuildFinished, BuildCancellation.Token, build.ConfigureDockerLogin)
        : Task.FromResult(DockerCli.For(build.Host.Environment)));
}
