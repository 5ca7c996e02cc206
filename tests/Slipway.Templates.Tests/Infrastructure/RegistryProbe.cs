using System.Net.Http;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>Reads the local registry over its HTTP API, as a deploy step would.</summary>
internal static class RegistryProbe
{
    private static readonly string[] s_manifestTypes =
    [
        "application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json",
    ];

    /// <summary>The repository's tags without the build-cache refs (<c>buildcache-*</c>).</summary>
    public static IReadOnlySet<string> VersionTags(string repository) =>
        DockerEnvironment.Current.RegistryTagsAsync(repository).GetAwaiter().GetResult()
            .Where(t => !t.StartsWith("buildcache-", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The digest a tag points at, from the registry's <c>Docker-Content-Digest</c> header.</summary>
    public static string Digest(string repository, string tag)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{DockerEnvironment.Current.Registry}/v2/{repository}/manifests/{tag}"));
        foreach (var type in s_manifestTypes) request.Headers.Accept.ParseAdd(type);
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }
}
