namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The files Docker sends as the build context: every file under the context directory that the <c>.dockerignore</c>
/// does not exclude, as paths relative to the context root with <c>/</c>. The list is made the first time it is asked for.
/// </summary>
internal sealed class BuildContext
{
    private readonly Lazy<IReadOnlyList<string>> _files;
    private readonly Func<string, string?> _readText;

    /// <summary>A context of the given files, less those <paramref name="ignore"/> excludes.</summary>
    /// <param name="files">Paths relative to the context root; enumerated the first time <see cref="Files"/> is read.</param>
    /// <param name="ignore">The context's ignore file; null when there is none.</param>
    /// <param name="readText">The content of a file of the context, or null when it cannot be read.</param>
    public BuildContext(IEnumerable<string> files, DockerIgnore? ignore, Func<string, string?> readText)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(readText);
        _readText = readText;
        _files = new(() => files
            .Select(PathPattern.Clean)
            .Where(f => f.Length > 0 && ignore?.Excludes(f) != true)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>The files in the context, ordinal order.</summary>
    public IReadOnlyList<string> Files => _files.Value;

    /// <summary>The content of a file of the context; null when it cannot be read.</summary>
    public string? ReadText(string relativePath) => _readText(relativePath);

    /// <summary>
    /// The context of a directory. Directories the ignore file excludes are not walked unless it has <c>!</c> exceptions
    /// that could bring files back; symbolic links are not followed (Docker sends them as links).
    /// </summary>
    public static BuildContext FromDirectory(string directory, DockerIgnore? ignore)
    {
        var root = Path.GetFullPath(directory);
        return new BuildContext(Walk(root, ignore), ignore, relative => Read(Path.Combine(root, relative)));
    }

    private static IEnumerable<string> Walk(string root, DockerIgnore? ignore)
    {
        // Not the default options: they skip hidden files, which on Unix are the dot files (.npmrc, .env, …).
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(directory, "*", options))
                yield return Relative(root, file);
            foreach (var subdirectory in Directory.EnumerateDirectories(directory, "*", options))
            {
                if (ignore is { HasExceptions: false } && ignore.Excludes(Relative(root, subdirectory))) continue;
                pending.Push(subdirectory);
            }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
