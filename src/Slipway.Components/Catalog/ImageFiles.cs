using Slipway.IO;

namespace Slipway.Components.Catalog;

/// <summary>
/// Where a per-run file of an image goes (its build cache, retired build names, scan reports, attestations): the
/// directory itself in a repository of one image (as before there were several), else a folder of the image's name in it.
/// </summary>
internal static class ImageFiles
{
    /// <summary><paramref name="directory"/> for the only image of the repository, else <c>&lt;directory&gt;/&lt;name&gt;</c>.</summary>
    public static AbsolutePath Under(AbsolutePath directory, ContainerImage image, IReadOnlyCollection<ContainerImage> images)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(images);
        return images.Count > 1 ? directory / image.Name : directory;
    }
}
