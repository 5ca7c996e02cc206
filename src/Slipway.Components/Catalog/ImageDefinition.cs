using System.ComponentModel;
using Slipway.IO;

namespace Slipway.Components.Catalog;

/// <summary>
/// An image listed explicitly (<see cref="IContainerImage.ImageDefinitions"/>), in <c>.nuke/parameters.json</c> as
/// <c>"ImageDefinitions": [{ "Name": "contoso-api", "Dockerfile": "src/Contoso.Api/Dockerfile", "Context": ".", "Project": "src/Contoso.Api/Contoso.Api.csproj" }]</c>
/// or in the build class. Paths are relative to the repository root. A list replaces the images found in the repository.
/// </summary>
public sealed record ImageDefinition
{
    /// <summary>The repository name without registry, e.g. <c>contoso-api</c>.</summary>
    [Description("Repository name without registry, e.g. contoso-api")]
    public required string Name { get; init; }

    /// <summary>The Dockerfile.</summary>
    [Description("Path of the Dockerfile, relative to the root")]
    public required AbsolutePath Dockerfile { get; init; }

    /// <summary>The build context.</summary>
    [Description("Build context directory, relative to the root (the solution folder for Visual Studio's Dockerfiles)")]
    public required AbsolutePath Context { get; init; }

    /// <summary>The project the image publishes (optional).</summary>
    [Description("The project the image publishes, relative to the root (optional)")]
    public AbsolutePath? Project { get; init; }
}
