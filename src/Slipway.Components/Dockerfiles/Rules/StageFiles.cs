namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The build context's files a stage holds at one of its instructions, each at its path in the stage, found by following
/// the <c>COPY</c>/<c>ADD</c>s from the context, <c>COPY --from=&lt;stage&gt;</c> and <c>FROM &lt;stage&gt;</c> before it,
/// and the <c>WORKDIR</c> they are relative to. Paths are clean and without the leading <c>/</c> (<c>src/App/App.csproj</c>).
/// </summary>
internal sealed class StageFiles
{
    private readonly Dictionary<string, string> _files;

    private StageFiles(Dictionary<string, string> files, string workingDirectory, bool opaque, bool unknown)
    {
        _files = files;
        WorkingDirectory = workingDirectory;
        IsOpaque = opaque;
        IsUnknown = unknown;
    }

    /// <summary>The working directory, e.g. <c>src</c> for <c>WORKDIR /src</c>; empty for <c>/</c>.</summary>
    public string WorkingDirectory { get; private set; }

    /// <summary>
    /// True when the stage has content from a <c>RUN --mount=type=bind</c> of the whole build context (or copies from a
    /// stage that has): it may hold any context file, so every project file is assumed present.
    /// </summary>
    public bool IsOpaque { get; private set; }

    /// <summary>True when a copy or <c>WORKDIR</c> could not be followed (a variable without a value): nothing can be told.</summary>
    public bool IsUnknown { get; private set; }

    /// <summary>Stage path → the context path of the file copied there.</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>The context files in <paramref name="stage"/> just before <paramref name="instruction"/> (null: at the stage's end).</summary>
    public static StageFiles Before(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction? instruction, BuildContext context)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(stage);
        var files = stage.ParentStage is { } parent
            ? Before(dockerfile, parent, null, context).Copy()
            : new StageFiles(new(StringComparer.Ordinal), "", opaque: false, unknown: stage.Base is null);
        foreach (var ins in stage.Instructions)
        {
            if (ReferenceEquals(ins, instruction)) break;
            if (ins.Is("WORKDIR")) files.ChangeDirectory(StageVariables.Expand(dockerfile, stage, ins, ins.Arguments));
            else if (ins.Is("RUN") && BindsWholeContext(ins)) files.IsOpaque = true;
            else if (ContextCopies.IsFromContext(ins)) files.CopyFromContext(dockerfile, stage, ins, context);
            else if (ins.Is("COPY") && ins.Flag("from") is { } from) files.CopyFromStage(dockerfile, stage, ins, from, context);
        }
        return files;
    }

    /// <summary>The stage path of <paramref name="path"/> as written in the stage: relative to the working directory unless absolute.</summary>
    public string Resolve(string path) =>
        PathPattern.Clean(path.StartsWith('/') ? path : WorkingDirectory + "/" + path);

    /// <summary>True when a file lies directly in the stage directory <paramref name="directory"/>, or any file under it.</summary>
    public bool HasDirectory(string directory) =>
        directory.Length == 0 ? _files.Count > 0 : _files.Keys.Any(k => k.StartsWith(directory + "/", StringComparison.Ordinal));

    private StageFiles Copy() => new(new(_files, StringComparer.Ordinal), WorkingDirectory, IsOpaque, IsUnknown);

    private void ChangeDirectory(string? directory)
    {
        if (directory is null) IsUnknown = true;
        else WorkingDirectory = Resolve(directory.Trim().Trim('"'));
    }

    /// <summary>True for a <c>RUN --mount=type=bind</c> of the build context's root (no <c>from=</c>, no or <c>.</c> <c>source=</c>).</summary>
    private static bool BindsWholeContext(DockerfileInstruction run) =>
        run.Flags.Where(f => string.Equals(f.Name, "mount", StringComparison.OrdinalIgnoreCase) && f.Value is not null)
            .Select(f => f.Value!.Split(',', StringSplitOptions.TrimEntries).Select(o => o.Split('=', 2)).ToLookup(kv => kv[0].ToLowerInvariant(), kv => kv.Length > 1 ? kv[1] : ""))
            .Any(o => o["type"].Contains("bind", StringComparer.OrdinalIgnoreCase) && !o["from"].Any() &&
                      PathPattern.Clean(o["source"].Concat(o["src"]).FirstOrDefault() ?? "").Length == 0);

    private void CopyFromContext(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction copy, BuildContext context)
    {
        var sources = CopySources.Of(copy, dockerfile.EscapeCharacter).Where(s => !copy.Is("ADD") || !CopySources.IsRemote(s)).ToList();
        var available = context.Files.ToDictionary(f => f, f => f, StringComparer.Ordinal);
        CopyInto(dockerfile, stage, copy, sources, available);
    }

    private void CopyFromStage(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction copy, string from, BuildContext context)
    {
        var source = dockerfile.Stages.Take(stage.Index).LastOrDefault(s =>
            string.Equals(s.Name, from, StringComparison.OrdinalIgnoreCase) || s.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) == from);
        if (source is null) return; // an image or a named context: none of the build context's files
        var files = Before(dockerfile, source, null, context);
        IsOpaque |= files.IsOpaque;
        IsUnknown |= files.IsUnknown;
        CopyInto(dockerfile, stage, copy, CopySources.Of(copy, dockerfile.EscapeCharacter), files._files);
    }

    /// <summary>Copies the <paramref name="available"/> files (source path → context path) the sources match to the destination.</summary>
    private void CopyInto(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction copy, IReadOnlyList<string> sources, IReadOnlyDictionary<string, string> available)
    {
        var words = copy.JsonArguments ?? ShellWords.Split(copy.Arguments, dockerfile.EscapeCharacter);
        if (sources.Count == 0 || words.Count < 2) return;
        if (copy.HasFlag("parents")) { IsUnknown = true; return; } // COPY --parents keeps the source folders: not followed
        var destination = StageVariables.Expand(dockerfile, stage, copy, words[^1]);
        if (destination is null) { IsUnknown = true; return; }
        var target = Resolve(destination);
        var matches = new List<(string From, string Context, string Part)>();
        foreach (var written in sources)
        {
            var expanded = StageVariables.Expand(dockerfile, stage, copy, written);
            if (expanded is null) { IsUnknown = true; return; }
            var clean = PathPattern.Clean(expanded);
            if (clean.Length > 0 && !PathPattern.HasWildcard(clean))
            {
                // A literal path: the file itself, or the files under the folder; no pattern to match.
                if (available.TryGetValue(clean, out var single)) matches.Add((clean, single, clean));
                else matches.AddRange(available.Where(f => f.Key.StartsWith(clean + "/", StringComparison.Ordinal)).Select(f => (f.Key, f.Value, clean)));
                continue;
            }
            var pattern = clean.Length == 0 ? null : PathPattern.Parse(clean);
            foreach (var (path, contextPath) in available)
                if ((pattern is null ? "" : pattern.MatchedPart(path)) is { } part) matches.Add((path, contextPath, part));
        }
        var intoDirectory = sources.Count > 1 || destination.EndsWith('/') || destination.EndsWith("/.", StringComparison.Ordinal) ||
                            destination is "." or "" || target == WorkingDirectory || HasDirectory(target) ||
                            matches.Select(m => m.Part).Distinct(StringComparer.Ordinal).Count() > 1;
        foreach (var (path, contextPath, part) in matches)
        {
            var name = part.Length == 0 ? path : part == path ? (intoDirectory ? CopySources.FileName(path) : "") : path[(part.Length + 1)..];
            _files[PathPattern.Clean(name.Length == 0 ? target : target + "/" + name)] = contextPath;
        }
    }
}
