using Slipway.Components.References;
using Slipway.Components.Images;
using Slipway.IO;

namespace Slipway.Components.Tests.Images;

/// <summary>Requests and builder choices for the argument tests.</summary>
internal static class ImageBuildFixtures
{
    public static readonly AbsolutePath Root = AbsolutePath.Create("/repo");

    public static ImageBuildRequest Request(string? registry = null, string? branch = "main") => new()
    {
        Dockerfile = Root / "Dockerfile",
        ContextDirectory = Root,
        Image = "acme-orders",
        CacheRepository = registry is null ? null : Slipway.Components.References.ImageRepository.Combine(registry, "acme-orders"),
        Branch = branch,
        LocalCacheDirectory = Root / ".nuke" / "temp" / "buildx-cache",
        LocalTag = "build-0123456789ab",
    };

    public static readonly BuilderChoice Buildx = new(BuildFrontend.Buildx, null, "test");
    public static readonly BuilderChoice Classic = new(BuildFrontend.Classic, null, "test");

    /// <summary>The values that follow each occurrence of an option, e.g. every <c>--cache-from</c>.</summary>
    public static IReadOnlyList<string> ValuesOf(IReadOnlyList<string> arguments, string option) =>
        [.. arguments.Select((a, i) => (a, i)).Where(x => x.a == option).Select(x => arguments[x.i + 1])];
}
