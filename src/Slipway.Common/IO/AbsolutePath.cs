namespace Slipway.IO;

/// <summary>An absolute, normalised file-system path that always prints with <c>/</c>. Combine with <c>/</c>: <c>RootDirectory / "src"</c>.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = path;

    /// <summary>Makes an absolute path; a relative one is resolved against the current directory.</summary>
    public static AbsolutePath Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path).Replace('\\', '/');
        if (full.Length > 1 && full.EndsWith('/') && !full.EndsWith(":/", StringComparison.Ordinal))
            full = full.TrimEnd('/');
        return new AbsolutePath(full);
    }

    /// <summary>The path joined with a relative part.</summary>
    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Create(Path.Combine(left._path, right));
    }

    /// <summary>The path as a string with forward slashes.</summary>
    public static implicit operator string(AbsolutePath path) => path?._path!;

    /// <summary>The parent directory, or null at the file-system root.</summary>
    public AbsolutePath? Parent => Path.GetDirectoryName(_path) is { Length: > 0 } p ? Create(p) : null;

    /// <summary>The last segment of the path.</summary>
    public string Name => Path.GetFileName(_path);

    /// <summary>True when a file exists at this path.</summary>
    public bool FileExists() => File.Exists(_path);

    /// <summary>True when a directory exists at this path.</summary>
    public bool DirectoryExists() => Directory.Exists(_path);

    /// <summary>Creates the directory (and its parents) if needed; returns the path.</summary>
    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(_path);
        return this;
    }

    /// <summary>Deletes the directory and everything in it, if it exists.</summary>
    public void DeleteDirectory()
    {
        if (Directory.Exists(_path)) Directory.Delete(_path, recursive: true);
    }

    /// <summary>Deletes the file, if it exists.</summary>
    public void DeleteFile()
    {
        if (File.Exists(_path)) File.Delete(_path);
    }

    /// <summary>The path relative to <paramref name="baseDirectory"/>, with forward slashes.</summary>
    public string RelativeTo(AbsolutePath baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return Path.GetRelativePath(baseDirectory._path, _path).Replace('\\', '/');
    }

    /// <summary>Reads the whole file as text.</summary>
    public string ReadAllText() => File.ReadAllText(_path);

    /// <summary>Writes text atomically: to a temporary file beside the target, then renamed over it.</summary>
    public void WriteAllText(string text)
    {
        Parent?.CreateDirectory();
        var temp = _path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, text);
        File.Move(temp, _path, overwrite: true);
    }

    /// <inheritdoc />
    public override string ToString() => _path;

    /// <inheritdoc />
    public bool Equals(AbsolutePath? other) => other is not null && string.Equals(_path, other._path, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AbsolutePath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_path);
}
