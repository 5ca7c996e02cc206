using Slipway.Components.Dotnet;
using Slipway.IO;

namespace Slipway.Components.Catalog;

/// <summary>What the images of a repository are found from: its layout and the build's parameters.</summary>
internal sealed record ImageSources
{
    /// <summary>The repository root.</summary>
    public required AbsolutePath Root { get; init; }

    /// <summary><c>artifacts/</c>: where the image records go.</summary>
    public required AbsolutePath Artifacts { get; init; }

    /// <summary>The solution whose projects are searched for a Dockerfile; null when the repository has none.</summary>
    public AbsolutePath? Solution { get; init; }

    /// <summary>The name of the root Dockerfile's image (<c>--image</c>, by default the root folder in lower-kebab case).</summary>
    public required string RootImageName { get; init; }

    /// <summary><c>--dockerfile</c> when it names another file than the root <c>Dockerfile</c>: the one image, its directory the context.</summary>
    public AbsolutePath? GivenDockerfile { get; init; }

    /// <summary>The images listed explicitly; when there are any they replace discovery.</summary>
    public IReadOnlyList<ImageDefinition> Definitions { get; init; } = [];
}

/// <summary>
/// Finds the images of a repository and selects among them, before any target runs. The images are the listed ones
/// (<see cref="ImageDefinition"/>), else <c>--dockerfile</c>'s one, else the root <c>Dockerfile</c>'s and one for each
/// project of the solution with a <c>Dockerfile</c> in its folder (Visual Studio's layout: the solution folder is the
/// build context, the name is the project's in lower-kebab case). Two images with one name, and a listed image whose
/// files do not exist, are refused naming them.
/// </summary>
internal static class ImageCatalog
{
    /// <summary>The file name both layouts use.</summary>
    public const string DockerfileName = "Dockerfile";

    /// <summary>The images found, in order: the root Dockerfile's first, then the solution's order (or the listed order).</summary>
    public static IReadOnlyList<ContainerImage> Find(ImageSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var images = sources.Definitions.Count > 0 ? Listed(sources)
            : sources.GivenDockerfile is { } dockerfile ? [RootImage(sources, dockerfile, dockerfile.Parent ?? sources.Root, project: null)]
            : Discovered(sources);
        RefuseSharedNames(images, sources.Root);
        return images;
    }

    /// <summary>
    /// The images <paramref name="names"/> selects, in the order found; all of them when it is empty. An unknown name
    /// is refused, listing the images found.
    /// </summary>
    public static IReadOnlyList<ContainerImage> Select(IReadOnlyList<ContainerImage> images, IReadOnlyList<string> names, AbsolutePath root)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) return images;
        var unknown = names.Where(n => !images.Any(i => string.Equals(i.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
            throw new BuildFailedException(
                $"--images {string.Join(",", unknown)}: {(unknown.Count == 1 ? "there is no such image" : "there are no such images")}. " +
                $"The images of this repository are:\n{List(images, root)}\nName them with --images <name>[,<name>...], or leave --images out for all.");
        return [.. images.Where(i => names.Any(n => string.Equals(i.Name, n, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The images as indented lines, one each (<see cref="ContainerImage.Describe"/>).</summary>
    public static string List(IEnumerable<ContainerImage> images, AbsolutePath root) =>
        string.Join('\n', images.Select(i => "  " + i.Describe(root)));

    private static List<ContainerImage> Listed(ImageSources sources)
    {
        if (sources.GivenDockerfile is { } dockerfile)
            throw new BuildFailedException(
                $"Both --dockerfile ({dockerfile.RelativeTo(sources.Root)}) and ImageDefinitions list the images. Keep one: add that Dockerfile to ImageDefinitions, or drop the list.");
        var problems = new List<string>();
        foreach (var definition in sources.Definitions)
        {
            var entry = string.IsNullOrWhiteSpace(definition.Name) ? "An image of ImageDefinitions" : $"The image '{definition.Name}' of ImageDefinitions";
            if (string.IsNullOrWhiteSpace(definition.Name)) problems.Add($"{entry} has no Name.");
            if (!definition.Dockerfile.FileExists()) problems.Add($"{entry}: its Dockerfile {definition.Dockerfile.RelativeTo(sources.Root)} does not exist.");
            if (!definition.Context.DirectoryExists()) problems.Add($"{entry}: its Context {definition.Context.RelativeTo(sources.Root)} is no directory.");
            if (definition.Project is { } project && !project.FileExists()) problems.Add($"{entry}: its Project {project.RelativeTo(sources.Root)} does not exist.");
        }
        if (problems.Count > 0)
            throw new BuildFailedException(string.Join('\n', problems) + "\nFix the paths (relative to the repository root) in ImageDefinitions (.nuke/parameters.json or the build class).");
        return [.. sources.Definitions.Select(d => new ContainerImage
        {
            Name = d.Name,
            Dockerfile = d.Dockerfile,
            Context = d.Context,
            Project = d.Project,
            // Two images of one root Dockerfile (e.g. built with different arguments) cannot share artifacts/image.json.
            RecordFile = sources.Definitions.Count(o => o.Dockerfile.Equals(d.Dockerfile)) > 1
                ? sources.Artifacts / "images" / d.Name / "image.json"
                : RecordFile(sources, d.Name, d.Dockerfile),
        })];
    }

    private static List<ContainerImage> Discovered(ImageSources sources)
    {
        // A solution that does not exist is Restore's to report; it lists no project here.
        var projects = sources.Solution is { } solution && solution.FileExists()
            ? SolutionProjects.Paths(solution, solution.ReadAllText())
                .Where(p => p.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
                .Select(p => (solution.Parent ?? sources.Root) / p)
                .ToList()
            : [];
        var rootDockerfile = sources.Root / DockerfileName;
        var images = new List<ContainerImage>();
        // The root Dockerfile's image is there even without the file, so the targets name what is missing as before.
        var hasProjectImages = projects.Any(p => ProjectDockerfile(p) is { } d && !d.Equals(rootDockerfile));
        if (rootDockerfile.FileExists() || !hasProjectImages)
            images.Add(RootImage(sources, rootDockerfile, sources.Root, projects.FirstOrDefault(p => ProjectDockerfile(p)?.Equals(rootDockerfile) == true)));
        foreach (var project in projects)
        {
            if (ProjectDockerfile(project) is not { } dockerfile || dockerfile.Equals(rootDockerfile)) continue;
            var name = ImageNames.ToKebab(Path.GetFileNameWithoutExtension(project.Name));
            images.Add(new ContainerImage
            {
                Name = name,
                Dockerfile = dockerfile,
                Context = sources.Solution!.Parent ?? sources.Root,
                Project = project,
                RecordFile = RecordFile(sources, name, dockerfile),
            });
        }
        return images;
    }

    private static AbsolutePath? ProjectDockerfile(AbsolutePath project) =>
        project.Parent is { } folder && (folder / DockerfileName).FileExists() ? folder / DockerfileName : null;

    private static ContainerImage RootImage(ImageSources sources, AbsolutePath dockerfile, AbsolutePath context, AbsolutePath? project) => new()
    {
        Name = sources.RootImageName,
        Dockerfile = dockerfile,
        Context = context,
        Project = project,
        RecordFile = sources.Artifacts / "image.json",
    };

    // The root Dockerfile's image keeps artifacts/image.json, the record of every one-image repository so far.
    private static AbsolutePath RecordFile(ImageSources sources, string name, AbsolutePath dockerfile) =>
        dockerfile.Equals(sources.Root / DockerfileName) ? sources.Artifacts / "image.json" : sources.Artifacts / "images" / name / "image.json";

    private static void RefuseSharedNames(IReadOnlyList<ContainerImage> images, AbsolutePath root)
    {
        var shared = images.GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList();
        if (shared.Count == 0) return;
        var lines = shared.Select(g => $"Images {string.Join(" and ", g.Select(i => Origin(i, root)))} are all named '{g.Key}': each image needs a repository name of its own.");
        throw new BuildFailedException(string.Join('\n', lines) +
            "\nRename a project, give the root Dockerfile's image another name with --image <name>, or list the images with their names in \"ImageDefinitions\" (.nuke/parameters.json).");
    }

    private static string Origin(ContainerImage image, AbsolutePath root) =>
        image.Project is { } project ? $"of project {project.RelativeTo(root)}" : $"of {image.Dockerfile.RelativeTo(root)}";
}
