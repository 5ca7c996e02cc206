using Slipway.Components.References;
using Slipway.Components.Images;
using Slipway.Components.Registry;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>What a tag in a registry holds, read over the registry API with the product's own client.</summary>
internal static class RemoteImages
{
    /// <summary>The image <paramref name="repository"/>:<paramref name="tag"/> names (e.g. <c>localhost:5000/ns/acme-orders</c>), or null.</summary>
    public static RemoteImage? Get(string repository, string tag)
    {
        using var client = new RegistryClient(timeout: TimeSpan.FromSeconds(10));
        return client.GetImageAsync(ImageRepository.Parse(repository), tag, null).GetAwaiter().GetResult();
    }

    /// <summary>The commit (<c>org.opencontainers.image.revision</c>) of the image a tag holds.</summary>
    public static string? Revision(string repository, string tag) => Get(repository, tag)?.Label(OciLabels.Revision);

    /// <summary>Every tag of a repository, build caches left out.</summary>
    public static IReadOnlySet<string> Tags(string repository)
    {
        using var client = new RegistryClient(timeout: TimeSpan.FromSeconds(10));
        return client.ListTagsAsync(ImageRepository.Parse(repository), null).GetAwaiter().GetResult()
            .Where(t => !t.StartsWith("buildcache-", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }
}
