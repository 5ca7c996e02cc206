namespace Slipway.Components.Dockerfiles;

/// <summary>Groups instructions into build stages and resolves the <c>ARG</c>s that <c>FROM</c> lines use.</summary>
internal static class DockerfileStages
{
    /// <summary>The global <c>ARG</c> values and the stages of a Dockerfile.</summary>
    public static (IReadOnlyDictionary<string, string?> Globals, IReadOnlyList<DockerfileStage> Stages) Build(
        IReadOnlyList<DockerfileInstruction> instructions,
        IReadOnlyDictionary<string, string> buildArguments,
        char escape,
        List<LintFinding> errors)
    {
        var globals = new Dictionary<string, string?>(StringComparer.Ordinal);
        var first = instructions.ToList().FindIndex(i => i.Is("FROM"));
        if (first < 0)
        {
            errors.Add(DockerfileParser.Error(instructions.Count > 0 ? instructions[0].Line : 0,
                "there is no FROM instruction; a Dockerfile starts its first stage with FROM <image>"));
            return (globals, []);
        }
        foreach (var ins in instructions.Take(first))
        {
            if (ins.Is("ARG")) DeclareArguments(ins, globals, buildArguments, escape);
            else errors.Add(DockerfileParser.Error(ins.Line, $"{ins.Keyword} comes before the first FROM; only ARG may"));
        }

        var stages = new List<DockerfileStage>();
        for (var i = first; i < instructions.Count;)
        {
            var from = instructions[i];
            var end = i + 1;
            while (end < instructions.Count && !instructions[end].Is("FROM")) end++;
            stages.Add(CreateStage(stages, from, instructions.Skip(i + 1).Take(end - i - 1).ToList(), globals, escape, errors));
            i = end;
        }
        return (globals, stages);
    }

    /// <summary>Adds the names an <c>ARG</c> declares, with build argument, default or inherited value.</summary>
    internal static void DeclareArguments(
        DockerfileInstruction arg,
        IDictionary<string, string?> scope,
        IReadOnlyDictionary<string, string> buildArguments,
        char escape,
        IReadOnlyDictionary<string, string?>? inherited = null)
    {
        foreach (var word in ShellWords.Split(arg.Arguments, escape))
        {
            var (name, defaultValue) = ShellWords.SplitAssignment(word);
            if (buildArguments.TryGetValue(name, out var given))
                scope[name] = given;
            else if (defaultValue is not null)
                scope[name] = VariableExpander.Expand(defaultValue, n => scope.TryGetValue(n, out var v) ? v : null, escape, out _);
            else
                scope[name] = inherited is not null && inherited.TryGetValue(name, out var v) ? v : null;
        }
    }

    private static DockerfileStage CreateStage(
        List<DockerfileStage> earlier,
        DockerfileInstruction from,
        List<DockerfileInstruction> body,
        IReadOnlyDictionary<string, string?> globals,
        char escape,
        List<LintFinding> errors)
    {
        var words = ShellWords.Split(from.Arguments, escape);
        string? name = null;
        if (words.Count == 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase))
            name = words[2].ToLowerInvariant();
        else if (words.Count != 1)
            errors.Add(DockerfileParser.Error(from.Line, $"'FROM {from.Arguments}' is not 'FROM <image> [AS <name>]'"));

        var baseText = words.Count > 0 ? words[0] : "";
        var expanded = VariableExpander.Expand(baseText, n => globals.TryGetValue(n, out var v) ? v : null, escape, out var unresolved);
        var resolved = unresolved || expanded.Length == 0 ? null : expanded;
        var parent = resolved is null
            ? null
            : earlier.LastOrDefault(s => string.Equals(s.Name, resolved, StringComparison.OrdinalIgnoreCase));

        return new DockerfileStage
        {
            Index = earlier.Count,
            Name = name,
            From = from,
            BaseText = baseText,
            Base = resolved,
            ParentStage = parent,
            Instructions = body,
        };
    }
}
