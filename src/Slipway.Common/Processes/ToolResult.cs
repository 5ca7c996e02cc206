namespace Slipway.Processes;

/// <summary>One line a tool wrote, and whether it came from standard error.</summary>
public sealed record OutputLine(string Text, bool IsError);

/// <summary>What a finished tool run produced.</summary>
public sealed record ToolResult(int ExitCode, IReadOnlyList<OutputLine> Output, TimeSpan Duration)
{
    /// <summary>Standard output, lines joined with <c>\n</c>.</summary>
    public string StandardOutput => string.Join('\n', Output.Where(l => !l.IsError).Select(l => l.Text));

    /// <summary>Standard error, lines joined with <c>\n</c>.</summary>
    public string StandardError => string.Join('\n', Output.Where(l => l.IsError).Select(l => l.Text));
}

/// <summary>A tool exited with a non-zero code, timed out or could not start. The message names the command and shows its last lines.</summary>
public sealed class ToolFailedException : BuildFailedException
{
    internal ToolFailedException(string message, string commandLine, int? exitCode, IReadOnlyList<string> lastLines, Exception? inner = null)
        : base(message, inner)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        LastLines = lastLines;
    }

    /// <summary>The command as echoed, secrets masked.</summary>
    public string CommandLine { get; }

    /// <summary>The exit code, or null when the tool did not exit by itself.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines of output, secrets masked.</summary>
    public IReadOnlyList<string> LastLines { get; }
}
