using System.Collections.Immutable;
using Slipway.Components.Docker;

namespace Slipway.Components.Tests.Scanning;

/// <summary>A docker client for the runner tests: an executable and, when given, the daemon it talks to.</summary>
internal static class TestDocker
{
    public static DockerCli Client(string executable, string? dockerHost) =>
        new(executable, dockerHost is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add("DOCKER_HOST", dockerHost));
}
