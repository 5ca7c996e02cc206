using Slipway.IO;

namespace Slipway.Components.Catalog;

/// <summary>
/// One image of the repository: what the container components build, scan, push and sign. Found at run time
/// (<see cref="IContainerImage.ContainerImages"/>): the root <c>Dockerfile</c> (the template's layout), each project of the
/// solution with a <c>Dockerfile</c> in its folder (Visual Studio's layout), or the images listed in
/// <see cref="IContainerImage.ImageDefinitions"/>.
/// </summary>
public sealed record ContainerImage
{
    /// <summary>The repository name without registry, e.g. <c>contoso-api</c>: pushed as <c>&lt;registry&gt;/&lt;name&gt;</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The Dockerfile the image is built from.</summary>
    public required AbsolutePath Dockerfile { get; init; }

    /// <summary>The build context: the directory the Dockerfile's <c>COPY</c> instructions read from.</summary>
    public required AbsolutePath Context { get; init; }

    /// <summary>The project the image publishes, when known (the project whose folder holds the Dockerfile, or the one listed).</summary>
    public AbsolutePath? Project { get; init; }

    /// <summary>
    /// Where the image's record is kept (<c>artifacts/image.json</c> for the root Dockerfile's image, as before there were
    /// several; <c>artifacts/images/&lt;name&gt;/image.json</c> for every other image).
    /// </summary>
    public required AbsolutePath RecordFile { get; init; }

    /// <summary>One line for <c>--help</c>, <c>--plan</c> and messages: name, Dockerfile, context and project, relative to <paramref name="root"/>.</summary>
    public string Describe(AbsolutePath root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var project = Project is null ? "" : $", project {Project.RelativeTo(root)}";
        var missing = Dockerfile.FileExists() ? "" : " (no such file)";
        return $"{Name}: {Dockerfile.RelativeTo(root)}{missing}, context {Context.RelativeTo(root)}{project}";
    }
}
