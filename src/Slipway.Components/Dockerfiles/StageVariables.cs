namespace Slipway.Components.Dockerfiles;

/// <summary>The <c>ARG</c> and <c>ENV</c> values visible to an instruction of a stage, to expand <c>$VAR</c> in it.</summary>
internal static class StageVariables
{
    /// <summary>
    /// The variables set before <paramref name="instruction"/> in <paramref name="stage"/>: the <c>ENV</c>s of the
    /// stages it builds on, then its own <c>ARG</c>s (a redeclared global <c>ARG</c> keeps the global value) and <c>ENV</c>s.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Before(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction? instruction)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(stage);
        var scope = stage.ParentStage is { } parent
            ? new Dictionary<string, string?>(Environment(dockerfile, parent), StringComparer.Ordinal)
            : new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var ins in stage.Instructions)
        {
            if (ReferenceEquals(ins, instruction)) break;
            if (ins.Is("ARG"))
                DockerfileStages.DeclareArguments(ins, scope, dockerfile.BuildArguments, dockerfile.EscapeCharacter, dockerfile.GlobalArguments);
            else if (ins.Is("ENV"))
                SetEnvironment(ins, scope, dockerfile.EscapeCharacter);
        }
        return scope;
    }

    /// <summary>Expands <c>$VAR</c> in <paramref name="text"/> with the variables visible to the instruction; null when one has no value.</summary>
    public static string? Expand(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction instruction, string text)
    {
        var scope = Before(dockerfile, stage, instruction);
        var expanded = VariableExpander.Expand(text, n => scope.TryGetValue(n, out var v) ? v : null, dockerfile.EscapeCharacter, out var unresolved);
        return unresolved ? null : expanded;
    }

    /// <summary>The <c>ENV</c> values a stage leaves to the stages built on it (its <c>ARG</c>s end with the stage).</summary>
    private static Dictionary<string, string?> Environment(ParsedDockerfile dockerfile, DockerfileStage stage)
    {
        var env = stage.ParentStage is { } parent
            ? Environment(dockerfile, parent)
            : new Dictionary<string, string?>(StringComparer.Ordinal);
        var visible = new Dictionary<string, string?>(env, StringComparer.Ordinal);
        foreach (var ins in stage.Instructions)
        {
            if (ins.Is("ARG"))
                DockerfileStages.DeclareArguments(ins, visible, dockerfile.BuildArguments, dockerfile.EscapeCharacter, dockerfile.GlobalArguments);
            else if (ins.Is("ENV"))
                SetEnvironment(ins, visible, dockerfile.EscapeCharacter, env);
        }
        return env;
    }

    /// <summary>The names and values an <c>ENV</c> sets: <c>ENV A=1 B=2</c>, or the legacy <c>ENV A 1</c>.</summary>
    public static IReadOnlyList<(string Name, string Value)> Assignments(DockerfileInstruction env, char escape)
    {
        ArgumentNullException.ThrowIfNull(env);
        var words = ShellWords.Split(env.Arguments, escape);
        if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            var space = env.Arguments.IndexOfAny([' ', '\t']);
            return [(words[0], space < 0 ? "" : env.Arguments[(space + 1)..].Trim())];
        }
        return words.Select(ShellWords.SplitAssignment).Select(a => (a.Name, a.Value ?? "")).ToList();
    }

    private static void SetEnvironment(DockerfileInstruction env, Dictionary<string, string?> scope, char escape, Dictionary<string, string?>? alsoInto = null)
    {
        foreach (var (name, value) in Assignments(env, escape))
        {
            var expanded = VariableExpander.Expand(value, n => scope.TryGetValue(n, out var v) ? v : null, escape, out _);
            scope[name] = expanded;
            if (alsoInto is not null) alsoInto[name] = expanded;
        }
    }
}
