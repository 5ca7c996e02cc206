namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A parsed <c>.dockerignore</c> with Docker's matching rules: <c>#</c> comments, <c>!</c> exceptions, the last
/// matching pattern wins, a leading <c>/</c> is dropped, <c>*</c> and <c>?</c> stop at <c>/</c>, <c>**</c> spans any
/// number of directories, and excluding a directory excludes everything in it. Unlike <c>.gitignore</c>, a
/// pattern without <c>**/</c> only matches from the context root: <c>bin</c> does not exclude <c>src/App/bin</c>.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<(PathPattern Pattern, bool Exception)> _patterns;

    private DockerIgnore(string fileName, IReadOnlyList<(PathPattern, bool)> patterns)
    {
        FileName = fileName;
        _patterns = patterns;
    }

    /// <summary>The file's name, e.g. <c>.dockerignore</c> or <c>Dockerfile.dockerignore</c>.</summary>
    public string FileName { get; }

    /// <summary>True when a <c>!</c> line can bring back a file from inside an excluded directory.</summary>
    public bool HasExceptions => _patterns.Any(p => p.Exception);

    /// <summary>Parses the content of an ignore file.</summary>
    public static DockerIgnore Parse(string text, string fileName = ".dockerignore")
    {
        ArgumentNullException.ThrowIfNull(text);
        var patterns = new List<(PathPattern, bool)>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var exception = line[0] == '!';
            if (exception) line = line[1..].Trim();
            if (PathPattern.Clean(line).Length == 0) continue;
            patterns.Add((PathPattern.Parse(line), exception));
        }
        return new DockerIgnore(fileName, patterns);
    }

    /// <summary>
    /// Finds the ignore file Docker uses for a Dockerfile: <c>&lt;Dockerfile name&gt;.dockerignore</c> beside it,
    /// else <c>.dockerignore</c> at the root of the build context. Null when neither exists.
    /// </summary>
    public static DockerIgnore? Load(string dockerfilePath, string contextDirectory)
    {
        var specific = dockerfilePath + ".dockerignore";
        if (File.Exists(specific)) return Parse(File.ReadAllText(specific), Path.GetFileName(specific));
        var general = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(general) ? Parse(File.ReadAllText(general)) : null;
    }

    /// <summary>True when a path relative to the context root (with <c>/</c>) is left out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = PathPattern.Clean(relativePath);
        var excluded = false;
        foreach (var (pattern, exception) in _patterns)
        {
            if (excluded != exception) continue; // only a pattern of the other kind can change the outcome
            if (pattern.MatchesOrContains(path)) excluded = !exception;
        }
        return excluded;
    }
}
