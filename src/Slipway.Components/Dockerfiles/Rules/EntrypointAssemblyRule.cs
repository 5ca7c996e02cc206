namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1110</c> error: the image's exec-form <c>ENTRYPOINT</c> (or, without one, <c>CMD</c>) runs
/// <c>["dotnet", "X.dll", …]</c>, and no project of the build context builds <c>X.dll</c>: each <c>*.csproj</c>,
/// <c>*.fsproj</c> and <c>*.vbproj</c> builds its <c>&lt;AssemblyName&gt;</c>, or its file name. The container would stop at
/// start with "The application 'X.dll' does not exist". Not judged when a project cannot be read, when a project or a
/// <c>Directory.Build.props</c> sets <c>AssemblyName</c> with an MSBuild expression, or when the context has no project.
/// </summary>
internal sealed class EntrypointAssemblyRule : IDockerfileRule
{
    private static readonly string[] Extensions = [".csproj", ".fsproj", ".vbproj"];

    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.BuildContext is not { } context || input.Dockerfile.FinalStage is not { } final) yield break;
        var chain = new List<DockerfileStage>();
        for (var stage = final; stage is not null; stage = stage.ParentStage) chain.Insert(0, stage);
        var instructions = chain.SelectMany(s => s.Instructions).ToList();
        var start = instructions.LastOrDefault(i => i.Is("ENTRYPOINT")) ?? instructions.LastOrDefault(i => i.Is("CMD"));
        if (start?.JsonArguments is not [var program, var dll, ..] || CopySources.FileName(program) != "dotnet" ||
            !dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || dll.Contains('$', StringComparison.Ordinal)) yield break;
        if (Assemblies(context) is not { Count: > 0 } assemblies) yield break;

        var name = CopySources.FileName(dll)[..^4];
        if (assemblies.Contains(name, StringComparer.Ordinal)) yield break;
        var sameIgnoringCase = assemblies.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        yield return new("SW1110", LintSeverity.Error, start.Line,
            $"{start.Keyword} runs '{dll}', but no project in the build context builds {name}.dll" +
            (sameIgnoringCase is not null ? $" (one builds {sameIgnoringCase}.dll: file names are case-sensitive in the container)" : $" (they build {string.Join(", ", assemblies.Order(StringComparer.Ordinal).Take(5).Select(a => a + ".dll"))})") +
            $", so the container stops at start with \"The application '{dll}' does not exist\"; run the assembly the service project builds, or set <AssemblyName>{name}</AssemblyName> in it");
    }

    /// <summary>The assembly names the context's projects build; null when that cannot be told.</summary>
    private static List<string>? Assemblies(BuildContext context)
    {
        var names = new List<string>();
        foreach (var file in context.Files)
        {
            var fileName = CopySources.FileName(file);
            if (string.Equals(fileName, "Directory.Build.props", StringComparison.OrdinalIgnoreCase))
            {
                if (context.ReadText(file) is not { } props || ProjectFiles.Load(props) is not { } propsXml) return null;
                if (ProjectFiles.AssemblyName(propsXml) is not null) return null;
                continue;
            }
            var extension = Extensions.FirstOrDefault(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            if (extension is null) continue;
            if (context.ReadText(file) is not { } text || ProjectFiles.Load(text) is not { } project) return null;
            var assemblyName = ProjectFiles.AssemblyName(project);
            if (assemblyName is not null && ProjectFiles.HasExpression(assemblyName)) return null;
            names.Add(string.IsNullOrEmpty(assemblyName) ? fileName[..^extension.Length] : assemblyName);
        }
        return names;
    }
}
