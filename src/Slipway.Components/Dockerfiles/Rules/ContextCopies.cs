namespace Slipway.Components.Dockerfiles;

/// <summary>Which files of the build context a <c>COPY</c> or <c>ADD</c> copies.</summary>
internal static class ContextCopies
{
    /// <summary>True for a <c>COPY</c> or <c>ADD</c> from the build context, not <c>--from=</c> a stage, an image or a named context.</summary>
    public static bool IsFromContext(DockerfileInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return (instruction.Is("COPY") || instruction.Is("ADD")) && !instruction.HasFlag("from");
    }

    /// <summary>
    /// The <paramref name="files"/> (context paths with <c>/</c>) that <paramref name="copy"/> copies. A source copies the
    /// file it matches, or everything under the directory it matches: <c>.</c> the whole context, <c>src/</c> all of
    /// <c>src</c>, <c>NuGet.confi[g]</c> a <c>NuGet.config</c>, with the wildcards of Go's <c>filepath.Match</c>. The
    /// stage's <c>ARG</c> and <c>ENV</c> values are substituted first (an unset one is empty, as in Docker); <c>ADD</c>'s
    /// URLs copy nothing from the context.
    /// </summary>
    public static IEnumerable<string> Files(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction copy, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var sources = Sources(dockerfile, stage, copy);
        return sources.Count == 0 ? [] : files.Where(file => sources.Any(s => s is null || s.MatchesOrContains(file)));
    }

    /// <summary>The instruction's context sources as patterns; null for one that is the whole context.</summary>
    private static List<PathPattern?> Sources(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction copy)
    {
        var escape = dockerfile.EscapeCharacter;
        var words = CopySources.Of(copy, escape).Where(s => !copy.Is("ADD") || !CopySources.IsRemote(s)).ToList();
        if (words.Count == 0) return [];
        var variables = words.Any(w => w.Contains('$', StringComparison.Ordinal)) ? StageVariables.Before(dockerfile, stage, copy) : null;
        return words
            .Select(w => variables is null ? w : VariableExpander.Expand(w, n => variables.TryGetValue(n, out var v) ? v : null, escape, out _))
            .Select(w => PathPattern.Clean(w) is { Length: > 0 } clean ? PathPattern.Parse(clean) : null)
            .ToList();
    }
}
