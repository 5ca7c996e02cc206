using Slipway.Components.Dockerfiles;
using Slipway.IO;

namespace Slipway.Components.Sbom;

/// <summary>The service project whose NuGet packages the SBOM lists, and how it was chosen (for the log).</summary>
internal sealed record SbomProjectChoice(AbsolutePath Project, string Reason);

/// <summary>
/// Chooses the project the image is published from: <c>--sbom-project</c> when given; else the image's own project (the
/// project whose folder holds a Visual Studio Dockerfile, or the one its definition names); else the project the Dockerfile's
/// <c>RUN dotnet publish &lt;path&gt;</c> names, resolved against the build context; else the single non-test project
/// under <c>src/</c>. Test projects are never chosen by default.
/// </summary>
internal static class SbomProjectLocator
{
    private static readonly string[] s_projectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>Chooses the project; fails naming what was tried and the <c>--sbom-project</c> way out.</summary>
    /// <param name="overrideProject"><c>--sbom-project</c>, or null.</param>
    /// <param name="dockerfile">The image's Dockerfile.</param>
    /// <param name="root">The repository root.</param>
    /// <param name="context">The image's build context; null for the Dockerfile's directory.</param>
    /// <param name="imageProject">The image's own project, when known.</param>
    public static SbomProjectChoice Locate(AbsolutePath? overrideProject, AbsolutePath dockerfile, AbsolutePath root, AbsolutePath? context = null, AbsolutePath? imageProject = null)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(root);
        if (overrideProject is not null)
        {
            return ProjectAt(overrideProject) is { } chosen
                ? new SbomProjectChoice(chosen, "--sbom-project")
                : throw new BuildFailedException(
                    $"--sbom-project {overrideProject.RelativeTo(root)} is neither a project file nor a directory with exactly one project file.");
        }

        if (imageProject is not null && imageProject.FileExists()) return new SbomProjectChoice(imageProject, "the image's project");
        context ??= dockerfile.Parent ?? root;
        string? tried = null;
        if (dockerfile.FileExists())
        {
            var fromDockerfile = FromDockerfile(DockerfileParser.Parse(dockerfile.ReadAllText()), context, out tried);
            if (fromDockerfile is not null) return fromDockerfile with { Reason = $"{fromDockerfile.Reason} of {dockerfile.RelativeTo(root)}" };
        }

        var candidates = ServiceProjects(root / "src");
        if (candidates.Count == 1) return new SbomProjectChoice(candidates[0], "the only non-test project under src/");
        var found = candidates.Count == 0
            ? "there is no non-test project under src/"
            : $"src/ has {candidates.Count} non-test projects ({string.Join(", ", candidates.Select(c => c.RelativeTo(root)))})";
        throw new BuildFailedException(
            $"Cannot tell which project the image is published from: {tried ?? $"{dockerfile.RelativeTo(root)} has no 'RUN dotnet publish <project>'"}, and {found}. " +
            "Name it with --sbom-project <path to the .csproj>.");
    }

    /// <summary>
    /// The project named by the Dockerfile's <c>dotnet publish</c> lines, or null (with what was tried in
    /// <paramref name="tried"/>). Several publish lines naming different projects are narrowed to the stages the final
    /// stage copies from.
    /// </summary>
    internal static SbomProjectChoice? FromDockerfile(ParsedDockerfile dockerfile, AbsolutePath context, out string? tried)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(context);
        var commands = PublishCommand.Find(dockerfile);
        tried = null;
        if (commands.Count == 0) return null;

        var resolved = commands.Select(c => (Command: c, Project: Resolve(c.Path, context))).ToList();
        var unresolved = resolved.Where(r => r.Project is null).Select(r => $"'{r.Command.Path}' (line {r.Command.Line})").ToList();
        var projects = resolved.Where(r => r.Project is not null).ToList();
        if (projects.Select(p => p.Project!).Distinct().Count() > 1)
        {
            var copiedFrom = CopiedFromStages(dockerfile);
            projects = [.. projects.Where(p => copiedFrom.Contains(p.Command.Stage))];
        }

        var distinct = projects.Select(p => p.Project!).Distinct().ToList();
        if (distinct.Count == 1)
        {
            var first = projects.First();
            return new SbomProjectChoice(distinct[0], $"'dotnet publish {first.Command.Path}' (line {first.Command.Line})");
        }
        tried = distinct.Count > 1
            ? $"the Dockerfile publishes {distinct.Count} projects ({string.Join(", ", distinct.Select(d => d.RelativeTo(context)))})"
            : $"the Dockerfile's 'dotnet publish' names {string.Join(", ", unresolved)}, which is no project in the build context {context}";
        return null;
    }

    /// <summary>
    /// The project a <c>dotnet publish</c> path denotes in the build context: the path under the context; else the
    /// longest tail of it that exists there (<c>/src/src/App/App.csproj</c> after <c>WORKDIR /src</c>); else the one
    /// file of that name in the context. A directory stands for its single project file. Null when unresolvable
    /// (a variable, a solution, nothing found).
    /// </summary>
    internal static AbsolutePath? Resolve(string path, AbsolutePath context)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(context);
        if (path.Contains('$', StringComparison.Ordinal)) return null;
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        for (var skip = 0; skip <= segments.Count; skip++)
        {
            if (skip == segments.Count && segments.Count > 0) break; // never the context itself for a path that names something
            var relative = string.Join('/', segments.Skip(skip));
            var candidate = relative.Length == 0 ? context : context / relative;
            if (!candidate.FileExists() && !candidate.DirectoryExists()) continue;
            return ProjectAt(candidate);
        }

        var name = segments.LastOrDefault();
        if (name is null || !IsProjectFile(name) || !context.DirectoryExists()) return null;
        var matches = ProjectFiles(context).Where(f => f.Name == name).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>The non-test projects under a directory (bin/ and obj/ skipped), in path order.</summary>
    internal static IReadOnlyList<AbsolutePath> ServiceProjects(AbsolutePath directory) =>
        directory.DirectoryExists() ? [.. ProjectFiles(directory).Where(p => !IsTestProject(p))] : [];

    /// <summary>
    /// True for a test project: named <c>*.Tests</c>/<c>*.Test</c>, or declaring <c>IsTestProject</c> or referencing
    /// <c>Microsoft.NET.Test.Sdk</c>.
    /// </summary>
    internal static bool IsTestProject(AbsolutePath project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var name = Path.GetFileNameWithoutExtension(project.Name);
        if (name.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".Test", StringComparison.OrdinalIgnoreCase)) return true;
        var text = project.FileExists() ? project.ReadAllText() : "";
        return text.Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase)
            || text.Contains("\"Microsoft.NET.Test.Sdk\"", StringComparison.OrdinalIgnoreCase);
    }

    private static AbsolutePath? ProjectAt(AbsolutePath path)
    {
        if (path.FileExists()) return IsProjectFile(path.Name) ? path : null;
        if (!path.DirectoryExists()) return null;
        var inDirectory = Directory.EnumerateFiles(path).Where(IsProjectFile).Select(AbsolutePath.Create).ToList();
        return inDirectory.Count == 1 ? inDirectory[0] : null;
    }

    private static bool IsProjectFile(string name) =>
        s_projectExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<AbsolutePath> ProjectFiles(AbsolutePath directory) =>
        Directory.EnumerateFiles(directory, "*.*proj", SearchOption.AllDirectories)
            .Where(IsProjectFile)
            .Where(f => !Path.GetRelativePath(directory, f).Replace('\\', '/').Split('/').Any(s => s is "bin" or "obj" or ".git" or "node_modules"))
            .Order(StringComparer.Ordinal)
            .Select(AbsolutePath.Create);

    // The stages the final stage takes files from (COPY --from=<name or index>), and the stages those build on.
    private static HashSet<DockerfileStage> CopiedFromStages(ParsedDockerfile dockerfile)
    {
        var stages = new HashSet<DockerfileStage>();
        if (dockerfile.FinalStage is not { } final) return stages;
        foreach (var copy in final.Instructions.Where(i => i.Is("COPY") && i.Flag("from") is not null))
        {
            var from = copy.Flag("from")!;
            var stage = dockerfile.Stages.FirstOrDefault(s => string.Equals(s.Name, from, StringComparison.OrdinalIgnoreCase)
                || s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) == from);
            for (; stage is not null; stage = stage.ParentStage) stages.Add(stage);
        }
        return stages;
    }
}
