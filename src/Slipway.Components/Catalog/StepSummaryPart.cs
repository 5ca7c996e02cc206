namespace Slipway.Components.Catalog;

/// <summary>An image's part of the CI step summary: as it is in a repository of one image, else under a heading of the image's name.</summary>
internal static class StepSummaryPart
{
    /// <summary><paramref name="markdown"/> about <paramref name="image"/>, headed <c>### &lt;name&gt;</c> when <paramref name="images"/> holds several.</summary>
    public static string Of(ContainerImage image, IReadOnlyCollection<ContainerImage> images, string markdown)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(images);
        return images.Count > 1 ? $"### {image.Name}\n\n{markdown}" : markdown;
    }
}
