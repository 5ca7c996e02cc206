using System.Net;
using System.Text.RegularExpressions;

namespace Slipway.Components.References;

/// <summary>An image repository in a registry, e.g. <c>ghcr.io/acme/orders</c>: the registry host and the repository path.</summary>
internal sealed partial record ImageRepository
{
    private ImageRepository(string host, string path)
    {
        Host = host;
        Path = path;
    }

    /// <summary>The registry host with its port, e.g. <c>ghcr.io</c> or <c>localhost:5000</c>.</summary>
    public string Host { get; }

    /// <summary>The repository path inside the registry, e.g. <c>acme/orders</c>.</summary>
    public string Path { get; }

    /// <summary>True for a registry on this machine, reached over plain HTTP and without login.</summary>
    public bool IsLocal => IsLocalHost(Host);

    /// <summary>The base address of the registry's HTTP API.</summary>
    public Uri ApiBase => new($"{(IsLocal ? "http" : "https")}://{(Host == DockerHub ? "registry-1.docker.io" : Host)}/v2/");

    internal const string DockerHub = "docker.io";

    /// <summary>The repository an image is pushed to: <c>--registry</c> (host and optional namespace) plus <c>--image</c>.</summary>
    public static ImageRepository Combine(string registry, string image)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(image);
        var trimmed = registry.Trim().TrimEnd('/');
        if (trimmed.Contains("://", StringComparison.Ordinal))
            throw new BuildFailedException($"--registry '{registry}' must not contain a scheme. Give the host and namespace, e.g. ghcr.io/acme or localhost:5000.");
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? trimmed : trimmed[..slash];
        var space = slash < 0 ? "" : trimmed[(slash + 1)..];
        if (!IsHost(host))
            throw new BuildFailedException($"--registry '{registry}' does not start with a registry host ('{host}'). Use e.g. ghcr.io/acme, registry.gitlab.com/group or localhost:5000.");
        var path = space.Length == 0 ? image : $"{space}/{image}";
        if (!IsPath(path))
        {
            throw new BuildFailedException(
                $"The repository '{host}/{path}' (from --registry '{registry}' and --image '{image}') is not a valid image name. " +
                "Use lower-case letters, digits and single '.', '_' or '-' separators between '/'-separated parts.");
        }
        return new ImageRepository(host, path);
    }

    /// <summary>A full repository such as <c>registry.gitlab.com/group/project</c> (GitLab's <c>CI_REGISTRY_IMAGE</c>).</summary>
    public static ImageRepository Parse(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IsHost(repository[..slash]) || !IsPath(repository[(slash + 1)..]))
            throw new BuildFailedException($"'{repository}' is not a repository of the form host/path, e.g. registry.gitlab.com/group/project.");
        return new ImageRepository(repository[..slash], repository[(slash + 1)..]);
    }

    /// <summary>A repository from parts already validated (base images after Docker Hub defaults).</summary>
    internal static ImageRepository Of(string host, string path) =>
        IsHost(host) && IsPath(path) ? new ImageRepository(host, path) : throw new BuildFailedException($"'{host}/{path}' is not a valid image repository.");

    internal static bool IsHost(string host) =>
        HostPattern().IsMatch(host) && (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost");

    internal static bool IsPath(string path) => path.Length <= 255 && PathPattern().IsMatch(path);

    internal static bool IsLocalHost(string host)
    {
        var name = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Host}/{Path}";

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex PathPattern();
}
