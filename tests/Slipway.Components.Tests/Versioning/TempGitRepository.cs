using System.Diagnostics;

namespace Slipway.Components.Tests.Versioning;

/// <summary>A real git repository in a temporary directory, deleted on dispose.</summary>
internal sealed class TempGitRepository : IDisposable
{
    private TempGitRepository(string path) => Path = path;

    public string Path { get; }

    public static bool GitAvailable => Slipway.Processes.Tool.Find("git") is not null;

    public static TempGitRepository Create()
    {
        var repository = new TempGitRepository(Directory.CreateTempSubdirectory("slipway-git-").FullName);
        repository.Git("init", "-q", "-b", "main");
        repository.Git("config", "user.email", "test@example.invalid");
        repository.Git("config", "user.name", "Slipway Tests");
        repository.Git("config", "commit.gpgsign", "false");
        return repository;
    }

    /// <summary>A shallow clone (depth 1) of this repository, in another temporary directory.</summary>
    public TempGitRepository ShallowClone()
    {
        var clone = new TempGitRepository(Directory.CreateTempSubdirectory("slipway-shallow-").FullName);
        Git("clone", "-q", "--depth", "1", new Uri(Path).AbsoluteUri, clone.Path);
        return clone;
    }

    public void Commit(string message)
    {
        File.AppendAllText(System.IO.Path.Combine(Path, "history.txt"), message + "\n");
        Git("add", "history.txt");
        Git("commit", "-q", "-m", message);
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
        return output.Trim();
    }

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(Path, recursive: true);
    }
}
