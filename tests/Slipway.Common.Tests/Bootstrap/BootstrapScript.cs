namespace Slipway.Common.Tests.Bootstrap;

/// <summary>One of the two bootstrap scripts, and how a process starts it.</summary>
internal sealed class BootstrapScript
{
    private readonly Func<string?> _interpreter;

    private BootstrapScript(string fileName, string fingerprintFile, Func<string?> interpreter, string[] interpreterArguments, string missingReason)
    {
        FileName = fileName;
        FingerprintFile = fingerprintFile;
        _interpreter = interpreter;
        InterpreterArguments = interpreterArguments;
        MissingReason = missingReason;
    }

    /// <summary>build.sh, run through its shebang (so its executable bit matters).</summary>
    public static BootstrapScript Bash { get; } = new("build.sh", "build.fingerprint", () => null, [], "");

    /// <summary>build.ps1 under PowerShell 7.</summary>
    public static BootstrapScript PowerShell { get; } = new("build.ps1", "build.ps1.fingerprint", FindPwsh,
        ["-NoLogo", "-NoProfile", "-NonInteractive", "-File"],
        "pwsh not found on PATH nor in the tool path; install it with tests/infra/install-pwsh.sh");

    public string FileName { get; }

    /// <summary>The script's warm-start record under .nuke/temp.</summary>
    public string FingerprintFile { get; }

    public IReadOnlyList<string> InterpreterArguments { get; }

    /// <summary>Why the script cannot run here (for Skip), or empty.</summary>
    public string MissingReason { get; }

    /// <summary>The interpreter to start, or null to start the script itself.</summary>
    public string? Interpreter => _interpreter();

    public bool IsAvailable => this == Bash || Interpreter is not null;

    public override string ToString() => FileName;

    private static string? FindPwsh()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(RepositoryPaths.ToolsDirectory)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"));
        return candidates.FirstOrDefault(File.Exists);
    }
}
