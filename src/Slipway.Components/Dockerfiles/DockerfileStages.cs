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

    /// <summary>The platform arguments BuildKit defines for every <c>FROM</c> without an <c>ARG</c>.</summary>
    internal static readonly IReadOnlySet<string> AutomaticPlatformArguments = new HashSet<string>(
        ["BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"], StringComparer.Ordinal);

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
        var platform = from.Flag("platform");
        if (from.Flags.Count > 0 && from.Flags[^1] is { Value: null } last &&
            string.Equals(last.Name, "platform", StringComparison.OrdinalIgnoreCase) && words.Count is 2 or 4)
        {
            // FROM --platform $BUILDPLATFORM img: Docker stops with "Missing a value on flag: platform"; read the word as the value.
            errors.Add(DockerfileParser.Error(from.Line,
                $"'--platform {words[0]}' has no '=', which Docker rejects (Missing a value on flag: platform); write 'FROM --platform={words[0]} …'"));
            platform = words[0];
            words = words.Skip(1).ToList();
        }
        else if (from.Flags.Any(f => f.Value is null && string.Equals(f.Name, "platform", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(DockerfileParser.Error(from.Line, "'--platform' has no value, which Docker rejects; write 'FROM --platform=$BUILDPLATFORM <image>' or leave the flag out"));
        }

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

        string? resolvedPlatform = null;
        if (!string.IsNullOrEmpty(platform))
        {
            var expandedPlatform = VariableExpander.Expand(
                platform, n => AutomaticPlatformArguments.Contains(n) ? "$" + n : globals.GetValueOrDefault(n), escape, out var platformUnresolved);
            if (!platformUnresolved && expandedPlatform.Trim().Length > 0) resolvedPlatform = expandedPlatform;
        }

        return new DockerfileStage
        {
            Index = earlier.Count,
            Name = name,
            From = from,
            BaseText = baseText,
            Platform = string.IsNullOrEmpty(platform) ? null : platform,
            ResolvedPlatform = resolvedPlatform,
            Base = resolved,
            ParentStage = parent,
            Instructions = body,
        };
    }
}
