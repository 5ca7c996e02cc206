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

    /// <summary>The configured registry, else the CI's own; null for a local build without one. A malformed one fails naming the option.</summary>
    internal static RegistryDestination? Destination(IContainerImage build) => s_destinations.Get(build, () =>
        new Resolved(RegistryDestination.Resolve(build.Registry, build.Image, build.RegistryUsername, build.RegistryPassword, BuildEnvironment.Of(build)))).Destination;

    /// <summary>
    /// The run's docker client, the one every built-in component calls docker through: logged in to the destination
    /// registry (once per run, into a private <c>DOCKER_CONFIG</c> deleted when the build ends) when there are credentials.
    /// </summary>
    public static Task<DockerCli> DockerAsync(IContainerImage build) => s_logins.Get(build, () => Destination(build) is { } destination
        ? RegistryLogin.LogInAsync(destination, DockerCli.FromPath, build.OnBuildFinished, BuildCancellation.Token, build.ConfigureDockerLogin)
        : Task.FromResult(DockerCli.FromPath));
}
