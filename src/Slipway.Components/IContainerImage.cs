using Slipway.Components.Catalog;
using Slipway.Components.Dotnet;
using Slipway.Processes;
using Slipway.IO;

namespace Slipway.Components;

/// <summary>
/// The images every container component works on (<see cref="ContainerImages"/>, found at run time), the registry and the
/// registry login. The other container components derive from this one, so a parameter is declared once and the
/// destination is resolved once.
/// </summary>
public interface IContainerImage : ISlipwayBuild
{
    /// <summary>
    /// The repository name without registry of the root <c>Dockerfile</c>'s image (the template's layout), e.g.
    /// <c>acme-orders</c>. Defaults to the repository folder name in lower-kebab case. The images of projects are named
    /// after their project.
    /// </summary>
    [Parameter("Repository name without registry of the root Dockerfile's image (default: the repository folder in lower-kebab case)")]
    string Image => TryGetValue(() => Image) ?? ImageNames.ToKebab(RootDirectory.Name);

    /// <summary>The images to work on, by name (<c>--images contoso-api,contoso-worker</c>); empty (the default): all of <see cref="ContainerImages"/>.</summary>
    [Parameter("Images to work on, by name, e.g. contoso-api (default: every image of the repository; --help lists them)")]
    string[] Images => TryGetValue(() => Images) ?? [];

    /// <summary>
    /// The images of the repository listed explicitly; when set, they replace the images found in the repository. In
    /// <c>.nuke/parameters.json</c>: <c>"ImageDefinitions": [{ "Name": "contoso-api", "Dockerfile": "src/Contoso.Api/Dockerfile", "Context": ".", "Project": "src/Contoso.Api/Contoso.Api.csproj" }]</c>;
    /// in the build class: <c>ImageDefinition[] IContainerImage.ImageDefinitions => [new() { Name = "contoso-api", … }];</c>.
    /// </summary>
    [Parameter("The images, listed explicitly (replaces the images found): objects of Name, Dockerfile, Context and Project (optional), paths relative to the root")]
    ImageDefinition[] ImageDefinitions => TryGetValue(() => ImageDefinitions) ?? [];

    /// <summary>
    /// The images of the repository, found once per run: <see cref="ImageDefinitions"/> when set; else <see cref="Dockerfile"/>'s
    /// one when it names another file than the root <c>Dockerfile</c>; else the root <c>Dockerfile</c>'s image (named
    /// <see cref="Image"/>, recorded in <c>artifacts/image.json</c>) and one for each project of the solution with a
    /// <c>Dockerfile</c> in its folder (Visual Studio's layout: built with the solution folder as its context, named after
    /// the project in lower-kebab case, recorded in <c>artifacts/images/&lt;name&gt;/image.json</c>). Two images with one
    /// name, or a listed image whose files do not exist, fail naming them.
    /// </summary>
    IReadOnlyList<ContainerImage> ContainerImages => Context.Once(ImageCatalogKey.Images, () => ImageCatalog.Find(new ImageSources
    {
        Root = RootDirectory,
        Artifacts = ArtifactsDirectory,
        Solution = ImagesSolution,
        RootImageName = Image,
        GivenDockerfile = Dockerfile is var dockerfile && !dockerfile.Equals(RootDirectory / ImageCatalog.DockerfileName) ? dockerfile : null,
        Definitions = ImageDefinitions,
    }));

    /// <summary>The <see cref="ContainerImages"/> <see cref="Images"/> selects; an unknown name fails, listing the images found.</summary>
    IReadOnlyList<ContainerImage> SelectedImages => ImageCatalog.Select(ContainerImages, Images, RootDirectory);

    /// <summary>
    /// The one selected image, for the targets that work on one image (PublishPlatform, PublishIndex, PinBaseImages);
    /// several selected images fail there, naming them and <c>--images &lt;name&gt;</c>. Checked before the first target runs.
    /// Every other container target works on each of <see cref="SelectedImages"/>.
    /// </summary>
    ContainerImage SelectedImage => SelectedImages switch
    {
        [var one] => one,
        [] => throw NoImage(),
        var several => throw new BuildFailedException(
            $"This repository has {several.Count} selected images and this target works on one image per run:\n{ImageCatalog.List(several, RootDirectory)}\n" +
            $"Pick one with --images <name>, e.g. --images {several[0].Name}."),
    };

    /// <summary><see cref="SelectedImages"/>, at least one: none fails naming where an image comes from. Checked before the first target runs.</summary>
    IReadOnlyList<ContainerImage> ImagesToPublish => SelectedImages is { Count: > 0 } images ? images : throw NoImage();

    private static BuildFailedException NoImage() =>
        new("The repository has no image: add a Dockerfile at the root or in a project's folder, or list the images in ImageDefinitions.");

    /// <summary>
    /// Adds <paramref name="note"/> about <paramref name="image"/> to the summary row of the running target: as it is in a
    /// repository of one image, else prefixed with the image's name (<c>contoso-api: 1.2.0, 1.2, 1</c>).
    /// </summary>
    void ReportSummary(ContainerImage image, string note)
    {
        ArgumentNullException.ThrowIfNull(image);
        ReportSummary(ContainerImages.Count > 1 ? $"{image.Name}: {note}" : note);
    }

    /// <summary>The images found, one line each, for <c>--help</c> and <c>--plan</c>.</summary>
    [Overview("Images (--images selects; default all)")]
    IEnumerable<string> ImagesOverview => ContainerImages.Select(i =>
        i.Describe(RootDirectory) + (Images.Length == 0 || Images.Contains(i.Name, StringComparer.OrdinalIgnoreCase) ? "" : "  (not selected)"));

    // The solution whose projects may hold Dockerfiles: --solution, else the single one at the root; none without one.
    private AbsolutePath? ImagesSolution => this is IDotnetSolution dotnet
        ? TryGetValue(() => dotnet.Solution) is not null || SolutionLocator.FindAtMostOne(RootDirectory) is not null ? dotnet.Solution : null
        : SolutionLocator.FindAtMostOne(RootDirectory);

    /// <summary>
    /// The registry and namespace images are pushed to, e.g. <c>ghcr.io/acme</c> or <c>localhost:5000</c>. Without one,
    /// GitHub Actions pushes to <c>ghcr.io/&lt;owner&gt;</c> and GitLab CI to the project's <c>CI_REGISTRY_IMAGE</c>.
    /// </summary>
    [Parameter("Registry and namespace to push to, e.g. ghcr.io/acme or localhost:5000 (default on CI: ghcr.io/<owner>, GitLab's CI_REGISTRY_IMAGE)")]
    string? Registry => TryGetValue(() => Registry);

    /// <summary>The registry user name. On CI it defaults to <c>GITHUB_ACTOR</c> (ghcr.io) or <c>CI_REGISTRY_USER</c> (GitLab).</summary>
    [Parameter("Registry user name (default on CI: GITHUB_ACTOR for ghcr.io, CI_REGISTRY_USER on GitLab)")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    /// <summary>The registry password or token. On CI it defaults to <c>GITHUB_TOKEN</c> (ghcr.io) or <c>CI_REGISTRY_PASSWORD</c> (GitLab).</summary>
    [Parameter("Registry password or token (default on CI: GITHUB_TOKEN for ghcr.io, CI_REGISTRY_PASSWORD on GitLab)")]
    [Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    /// <summary>
    /// The Dockerfile of a one-image repository. Another file than the root <c>Dockerfile</c> makes it the only image
    /// (named <see cref="Image"/>), its directory the build context; by default the images are found (<see cref="ContainerImages"/>).
    /// </summary>
    [Parameter("Path of the Dockerfile of the one image, its directory the build context (default: the images found, --help lists them)")]
    AbsolutePath Dockerfile => TryGetValue(() => Dockerfile) ?? RootDirectory / "Dockerfile";

    /// <summary>
    /// The platforms the image is built for, e.g. <c>linux/amd64</c> and <c>linux/arm64</c>. Two or more make one OCI image
    /// index (one manifest per platform) that is scanned per platform and pushed, tagged and signed as one digest. Empty
    /// (the default): the builder's own platform, one manifest.
    /// </summary>
    [Parameter("Platforms to build the image for, e.g. linux/amd64,linux/arm64 (default: the builder's own); two or more push one image index")]
    string[] Platforms => TryGetValue(() => Platforms) ?? [];

    /// <summary>The <see cref="Platforms"/>, checked before the first target runs: an unknown platform stops the build there.</summary>
    global::Slipway.Components.Platforms.TargetPlatforms ImagePlatforms => global::Slipway.Components.Platforms.TargetPlatforms.Parse(Platforms);

    /// <summary>
    /// Edits each <c>docker login</c> Slipway runs before it runs: the one to the destination registry (once a run, when
    /// there are credentials) and Promote's to its target (<see cref="Docker.DockerLoginSettings.Server"/> tells them
    /// apart). Returns it unchanged by default.
    /// </summary>
    /// <example><c>DockerLoginSettings IContainerImage.ConfigureDockerLogin(DockerLoginSettings s) => s with { Username = "robot$ci" };</c></example>
    global::Slipway.Components.Docker.DockerLoginSettings ConfigureDockerLogin(global::Slipway.Components.Docker.DockerLoginSettings settings) => settings;

    /// <summary>The one <see cref="SelectedImage"/>'s record (<c>artifacts/image.json</c> for the root Dockerfile's image): what was built, scanned and pushed.</summary>
    AbsolutePath ImageRecordFile => SelectedImage.RecordFile;
}

/// <summary>The key of the run's images.</summary>
internal static class ImageCatalogKey
{
    public static object Images { get; } = new();
}
