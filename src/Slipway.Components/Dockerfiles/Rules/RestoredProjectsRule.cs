namespace Slipway.Components.Dockerfiles;

/// <summary>
/// Every project a restore needs is in the stage when it runs. For each <c>dotnet restore</c> (and <c>dotnet
/// build/publish/test/pack</c> without <c>--no-restore</c>), the project it restores (or the one project or solution in
/// the working directory) is read from the build context with its <c>&lt;ProjectReference&gt;</c>s, transitively, and
/// each is looked for where the referencing project's stage path says it is (see <see cref="StageFiles"/>).
/// <list type="bullet">
/// <item><c>SW1080</c> error: a referenced project file is not copied before the restore (or <c>.dockerignore</c>
/// excludes it); the message gives the reference chain and the <c>COPY</c> line to add.</item>
/// <item><c>SW1081</c> error: a reference leaves the build context (<c>../Other/Other.csproj</c> from a project at the
/// context root); Docker cannot copy it.</item>
/// </list>
/// A stage whose files come from a <c>RUN --mount=type=bind</c> of the whole context is assumed to hold every project
/// file. Needs the build context; finds nothing when a copy or <c>WORKDIR</c> cannot be followed.
/// </summary>
internal sealed class RestoredProjectsRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.BuildContext is not { } context) return [];
        var findings = new List<LintFinding>();
        var reported = new HashSet<string>(StringComparer.Ordinal); // a missing project is reported at the first step of a stage chain that needs it
        var dockerfile = input.Dockerfile;
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var run in stage.Instructions.Where(i => i.Is("RUN")))
            {
                var restores = DotnetCommands.In(dockerfile, stage, run).Where(c => c.Restores).ToList();
                if (restores.Count == 0) continue;
                var files = StageFiles.Before(dockerfile, stage, run, context);
                if (files.IsUnknown) continue;
                foreach (var command in restores)
                {
                    var found = files.IsOpaque ? CheckOpaque(context, run, command) : Check(input, context, files, run, command);
                    findings.AddRange(found.Where(f => reported.Add($"{stage.RootStage.Index}:{f.Key}")).Select(f => f.Finding));
                }
            }
        }
        return findings;
    }

    /// <summary>The findings of one restoring command, each with what it is about (the missing file), to report it once.</summary>
    private static IEnumerable<(LintFinding Finding, string Key)> Check(LintInput input, BuildContext context, StageFiles files, DockerfileInstruction run, DotnetCommand command)
    {
        var step = $"'dotnet {command.Verb}' on line {run.Line}";
        var roots = Roots(context, files, files.Resolve(command.Target ?? "."));
        if (roots is null)
        {
            if (command.Target is { } target && (ProjectFiles.IsProject(target) || ProjectFiles.IsSolution(target)))
                yield return (new("SW1080", LintSeverity.Error, run.Line,
                    $"{step} restores '/{files.Resolve(target)}', but no COPY before it puts that file there; copy it from the build context first"), files.Resolve(target));
            yield break;
        }

        var queue = new Queue<(string StagePath, string ContextPath, string Chain)>(roots.Select(r => (r.StagePath, r.ContextPath, Folder(r.ContextPath))));
        var seen = new HashSet<string>(roots.Select(r => r.StagePath), StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var (stagePath, contextPath, chain) = queue.Dequeue();
            if (context.ReadText(contextPath) is not { } text || ProjectFiles.References(text) is not { } references) continue;
            foreach (var include in references)
            {
                var inContext = PathPattern.Clean(Parent(contextPath) + "/" + include);
                var inStage = PathPattern.Clean(Parent(stagePath) + "/" + include);
                if (!seen.Add(inStage)) continue;
                var next = chain + " -> " + Folder(inContext);
                if (inContext == ".." || inContext.StartsWith("../", StringComparison.Ordinal))
                {
                    yield return (new("SW1081", LintSeverity.Error, run.Line,
                        $"{step}: {contextPath} references '{include}' ({next}), which is outside the build context, so no COPY can bring it in; " +
                        $"build from a context directory that holds both projects (docker build -f <Dockerfile> <common parent>) or move the project into this one"), inContext);
                    continue;
                }
                if (files.Files.TryGetValue(inStage, out var copiedFrom))
                {
                    queue.Enqueue((inStage, copiedFrom, next));
                    continue;
                }
                var present = context.Files.Contains(inContext, StringComparer.Ordinal);
                if (!present && input.DockerIgnore?.Excludes(inContext) != true) continue; // not a file of the repository: MSBuild reports it
                yield return (new("SW1080", LintSeverity.Error, run.Line, present
                    ? $"{step} needs {inContext} ({next}), but no COPY before it puts it at '/{inStage}'; add {CopyLine(files, inContext, inStage)} before line {run.Line}"
                    : $"{step} needs {inContext} ({next}), but {input.DockerIgnore!.FileName} excludes it from the build context; remove the pattern that excludes it (or add '!{inContext}')"), inContext);
                if (present) queue.Enqueue((inStage, inContext, next));
            }
        }
    }

    /// <summary>
    /// In a stage that may hold any context file, only the restored project itself can be checked: a project file of that
    /// name must be somewhere in the context.
    /// </summary>
    private static IEnumerable<(LintFinding Finding, string Key)> CheckOpaque(BuildContext context, DockerfileInstruction run, DotnetCommand command)
    {
        if (command.Target is not { } target || !ProjectFiles.IsProject(target)) yield break;
        var name = CopySources.FileName(target);
        if (context.Files.Any(f => CopySources.FileName(f) == name)) yield break;
        yield return (new("SW1080", LintSeverity.Error, run.Line,
            $"'dotnet {command.Verb}' on line {run.Line} restores '{target}', but the build context has no project file named {name}; fix the path"), target);
    }

    /// <summary>The projects a command restores (stage path, context path); null when the target is not in the stage.</summary>
    private static List<(string StagePath, string ContextPath)>? Roots(BuildContext context, StageFiles files, string target)
    {
        if (files.Files.TryGetValue(target, out var copied))
            return ProjectFiles.IsProject(target) ? [(target, copied)]
                : ProjectFiles.IsSolution(target) && context.ReadText(copied) is { } solution ? InStage(files, target, ProjectFiles.SolutionProjects(target, solution))
                : null;
        var inDirectory = files.Files.Where(f => Parent(f.Key) == target).ToList();
        var projects = inDirectory.Where(f => ProjectFiles.IsProject(f.Key)).ToList();
        if (projects.Count == 1) return [(projects[0].Key, projects[0].Value)];
        var solutions = inDirectory.Where(f => ProjectFiles.IsSolution(f.Key)).ToList();
        return projects.Count == 0 && solutions.Count == 1 ? Roots(context, files, solutions[0].Key) : null;
    }

    private static List<(string, string)> InStage(StageFiles files, string solution, IReadOnlyList<string> projects) =>
        projects.Select(p => PathPattern.Clean(Parent(solution) + "/" + p))
            .Where(files.Files.ContainsKey)
            .Select(p => (p, files.Files[p]))
            .ToList();

    /// <summary>The <c>COPY</c> that brings the project in: its folder, relative to the working directory when it lies under it.</summary>
    private static string CopyLine(StageFiles files, string contextPath, string stagePath)
    {
        var folder = Parent(stagePath);
        var work = files.WorkingDirectory;
        var destination = work.Length == 0 ? folder
            : folder == work ? "."
            : folder.StartsWith(work + "/", StringComparison.Ordinal) ? folder[(work.Length + 1)..]
            : "/" + folder;
        return $"COPY [\"{contextPath}\", \"{(destination == "." ? "./" : destination.Length == 0 ? "/" : destination + "/")}\"]";
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>How a project is named in a chain: its folder (<c>src/Contoso.Api</c>), or its file at the context root.</summary>
    private static string Folder(string projectPath) => Parent(projectPath) is { Length: > 0 } folder ? folder : projectPath;
}
