using System.Security.Cryptography;
using System.Text;
using Slipway.Processes;

namespace Slipway.Components.Versioning;

/// <summary>
/// Remembers GitVersion's output between runs of a build. GitVersion's answer depends only on the commit graph its refs
/// reach, where HEAD is, its configuration, the CI variables it reads and its own release; the key is a hash of exactly
/// those, so an entry is reused only for the same inputs. The checks a run makes before GitVersion (a full clone, a
/// named HEAD) depend on the same inputs too: an entry exists only where they passed, and a hit skips them. Starting
/// GitVersion costs about 0.6 s a run: a local <c>./build.sh</c> on an unchanged checkout no longer pays it. The working
/// tree's uncommitted changes are not an input (no field the build reads depends on them).
/// </summary>
internal static class GitVersionCache
{
    private const string FileName = "gitversion.json";

    private static readonly string[] s_configurationFiles = ["GitVersion.yml", "GitVersion.yaml", ".GitVersion.yml", ".GitVersion.yaml"];

    /// <summary>The key for running <paramref name="command"/> in <paramref name="repository"/> as it is now; null when git cannot say.</summary>
    public static async Task<string?> KeyAsync(string repository, ToolCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var inputs = new StringBuilder();
        // Whether the clone is shallow, the git directory, the commit and the name of HEAD (a branch, or "HEAD" when detached).
        var heading = Git.OutputAsync(repository, cancellationToken, "rev-parse", "--is-shallow-repository", "--absolute-git-dir", "HEAD", "--symbolic-full-name", "HEAD");
        // Every ref (branches, remote branches, tags) with the object it points at: GitVersion walks from them.
        var listing = Git.OutputAsync(repository, cancellationToken, "for-each-ref", "--format=%(objectname) %(refname)");
        var (head, refs) = (await heading, await listing);
        if (head?.Split('\n') is not [_, var gitDirectory, ..] || refs is null) return null;
        inputs.AppendLine(head).AppendLine(refs);
        // Remotes and branch tracking live in the git configuration.
        AppendFile(inputs, Path.Combine(gitDirectory.Trim(), "config"));
        foreach (var name in s_configurationFiles) AppendFile(inputs, Path.Combine(repository, name));
        // GitVersion's own release: the command, and the size and time of the program it runs.
        inputs.AppendLine(command.Executable).AppendJoin('\0', command.Arguments).AppendLine();
        foreach (var file in command.Arguments.Prepend(command.Executable).Where(File.Exists))
        {
            var info = new FileInfo(file);
            inputs.Append(file).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks).AppendLine();
        }
        foreach (var (name, value) in command.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            inputs.Append(name).Append('=').Append(value ?? "<unset>").AppendLine();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs.ToString())));
    }

    /// <summary>GitVersion's JSON output stored under <paramref name="key"/>, or null.</summary>
    public static string? TryRead(string directory, string key)
    {
        var file = Path.Combine(directory, FileName);
        try
        {
            var lines = File.ReadAllText(file).Split('\n', 2);
            return lines.Length == 2 && lines[0] == key ? lines[1] : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Stores GitVersion's JSON output under <paramref name="key"/>, replacing the entry of an earlier key.</summary>
    /// <remarks>Written to a temporary file and moved into place, so a reader never sees half an entry.</remarks>
    public static void Write(string directory, string key, string json)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, FileName);
        var partial = $"{file}.{Environment.ProcessId}.tmp";
        File.WriteAllText(partial, key + "\n" + json);
        File.Move(partial, file, overwrite: true);
    }

    private static void AppendFile(StringBuilder inputs, string path)
    {
        inputs.Append(path).Append(':');
        if (File.Exists(path)) inputs.Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        inputs.AppendLine();
    }
}
