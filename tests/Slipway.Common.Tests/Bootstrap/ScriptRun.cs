using System.Diagnostics;
using System.Text;

namespace Slipway.Common.Tests.Bootstrap;

/// <summary>What one run of a bootstrap script printed and returned.</summary>
internal sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    public const string WarmStart = "[bootstrap] warm start";
    public const string Compiling = "[bootstrap] compiling build";

    public bool WasWarm => StandardError.Contains(WarmStart, StringComparison.Ordinal);

    public bool Compiled => StandardError.Contains(Compiling, StringComparison.Ordinal);

    /// <summary>Starts a process, waits for it (killing its tree after the timeout) and collects its output.</summary>
    public static ScriptRun Start(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        return new ScriptRun(process.ExitCode, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed);
    }

    public override string ToString() =>
        $"exit code {ExitCode} after {Duration.TotalSeconds:0.0} s\n--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";
}
