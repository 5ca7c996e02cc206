using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using CliWrap;
using CliWrap.Exceptions;
using Serilog;
using Slipway.Logging;

namespace Slipway.Processes;

/// <summary>
/// An immutable description of a tool run. Every <c>With…</c> returns a new command. Arguments are a list, never
/// a shell string; output streams into the log line by line; secrets are masked in the echoed command and output;
/// only the exit code decides success (standard error is just output).
/// </summary>
public sealed record ToolCommand
{
    private const int TailLines = 20;

    internal ToolCommand(string executable) => Executable = executable;

    /// <summary>The executable name or path.</summary>
    public string Executable { get; init; }

    /// <summary>The arguments, each passed to the process as is.</summary>
    public ImmutableArray<string> Arguments { get; init; } = [];

    /// <summary>The working directory, or null for the current one.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public ImmutableDictionary<string, string?> Environment { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>Text written to the tool's standard input, then closed.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Writes the tool's standard input as a stream (e.g. an archive piped into <c>docker load</c>), then closes it.</summary>
    public Func<Stream, CancellationToken, Task>? StandardInputWriter { get; init; }

    /// <summary>How long the tool may run before its process tree is killed.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Values masked wherever this command is echoed or its output logged.</summary>
    public ImmutableArray<string> Secrets { get; init; } = [];

    /// <summary>When true (the default), a non-zero exit code throws <see cref="ToolFailedException"/>.</summary>
    public bool ValidateExitCode { get; init; } = true;

    /// <summary>When true (the default), each output line is logged as it arrives.</summary>
    public bool LogOutput { get; init; } = true;

    /// <summary>Called with each output line as it arrives.</summary>
    public Action<OutputLine>? OutputHandler { get; init; }

    /// <summary>Replaces the arguments.</summary>
    public ToolCommand WithArguments(IEnumerable<string> arguments) => this with { Arguments = [.. arguments] };

    /// <summary>Appends arguments.</summary>
    public ToolCommand AddArguments(params IEnumerable<string> arguments) => this with { Arguments = Arguments.AddRange(arguments) };

    /// <summary>Sets the working directory.</summary>
    public ToolCommand WithWorkingDirectory(string directory) => this with { WorkingDirectory = directory };

    /// <summary>Sets (or, with null, removes) an environment variable for the tool.</summary>
    public ToolCommand WithEnvironment(string name, string? value) => this with { Environment = Environment.SetItem(name, value) };

    /// <summary>Writes text to standard input (for <c>--password-stdin</c>). The text is registered as a secret.</summary>
    public ToolCommand WithStandardInput(string text) => this with { StandardInput = text, StandardInputWriter = null };

    /// <summary>
    /// Streams standard input from <paramref name="writer"/>, which is called once with the pipe to the tool and the run's
    /// cancellation token; the pipe is closed when it returns. Nothing is masked: pass no secrets this way.
    /// </summary>
    public ToolCommand WithStandardInput(Func<Stream, CancellationToken, Task> writer) =>
        this with { StandardInputWriter = writer ?? throw new ArgumentNullException(nameof(writer)), StandardInput = null };

    /// <summary>Kills the tool's process tree after this long.</summary>
    public ToolCommand WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };

    /// <summary>Masks a value in the echoed command and the output.</summary>
    public ToolCommand WithSecret(string? secret) =>
        string.IsNullOrEmpty(secret) ? this : this with { Secrets = Secrets.Add(secret) };

    /// <summary>Whether a non-zero exit code throws (true by default). Turn off to judge the result yourself.</summary>
    public ToolCommand WithExitCodeValidation(bool validate) => this with { ValidateExitCode = validate };

    /// <summary>Whether output lines are logged (true by default). Output is always captured in the result.</summary>
    public ToolCommand WithOutputLogging(bool log) => this with { LogOutput = log };

    /// <summary>Calls a handler with each output line as it arrives.</summary>
    public ToolCommand WithOutputHandler(Action<OutputLine> handler) => this with { OutputHandler = handler };

    /// <summary>The command line as the log shows it: arguments quoted where needed, secrets masked.</summary>
    public override string ToString() => Mask(string.Join(' ', new[] { Executable }.Concat(Arguments).Select(Quote)));

    /// <summary>Runs the tool and waits for it.</summary>
    public ToolResult Execute(CancellationToken cancellationToken = default) =>
        ExecuteAsync(cancellationToken).GetAwaiter().GetResult();

    /// <summary>Runs the tool. Cancelling (or Ctrl-C, or the timeout) kills its whole process tree.</summary>
    public async Task<ToolResult> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        foreach (var secret in Secrets) SecretMasker.Register(secret);
        if (StandardInput is not null) SecretMasker.Register(StandardInput.Trim());

        var echoed = ToString();
        Log.Information("> {Command}", echoed);
        var lines = new List<OutputLine>();
        void OnLine(string text, bool isError)
        {
            var line = new OutputLine(text, isError);
            lock (lines) lines.Add(line); // the same lock Failure() reads the tail under
            if (LogOutput) NestedBuildLine.Log(Mask(text));
            OutputHandler?.Invoke(line);
        }

        var command = Cli.Wrap(Executable)
            .WithArguments(Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(l => OnLine(l, false), Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(l => OnLine(l, true), Encoding.UTF8))
            .WithEnvironmentVariables(Environment);
        if (WorkingDirectory is not null) command = command.WithWorkingDirectory(WorkingDirectory);
        if (StandardInput is not null) command = command.WithStandardInputPipe(PipeSource.FromString(StandardInput, Encoding.UTF8));
        else if (StandardInputWriter is not null) command = command.WithStandardInputPipe(PipeSource.Create(StandardInputWriter));

        using var timeout = new CancellationTokenSource();
        if (Timeout is { } limit) timeout.CancelAfter(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, BuildCancellation.Token);

        var stopwatch = Stopwatch.StartNew();
        int exitCode;
        using var clock = ToolClock.StartInRun(ShortName());
        try
        {
            // CliWrap kills the entire process tree when the forceful token fires.
            var result = await command.ExecuteAsync(linked.Token);
            exitCode = result.ExitCode;
        }
        catch (OperationCanceledException ex)
        {
            var reason = timeout.IsCancellationRequested ? $"timed out after {Timeout}" : "was cancelled";
            throw Failure($"'{Executable}' {reason}; its process tree was killed.", echoed, null, lines, ex);
        }
        catch (Exception ex) when (ex is CliWrapException or System.ComponentModel.Win32Exception)
        {
            throw Failure($"'{Executable}' could not be started: {ex.Message}. Is it installed and on PATH?", echoed, null, lines, ex);
        }

        var toolResult = new ToolResult(exitCode, lines, stopwatch.Elapsed);
        if (exitCode != 0 && ValidateExitCode)
            throw Failure($"'{Executable}' exited with code {exitCode}.", echoed, exitCode, lines);
        return toolResult;
    }

    // The executable and its first two words that are neither options nor paths nor values, e.g. "docker buildx build".
    private string ShortName() =>
        string.Join(' ', Arguments.Where(a => a.Length is > 0 and < 24 && a[0] != '-' && a.IndexOfAny(['/', '\\', '=', ':', '@', ' ']) < 0).Take(2)
            .Prepend(Path.GetFileNameWithoutExtension(Executable)));

    private ToolFailedException Failure(string headline, string echoed, int? exitCode, List<OutputLine> lines, Exception? inner = null)
    {
        List<string> tail;
        lock (lines) tail = [.. lines.TakeLast(TailLines).Select(l => Mask(l.Text))];
        var message = new StringBuilder()
            .AppendLine(headline)
            .Append("  command: ").AppendLine(echoed);
        if (WorkingDirectory is not null) message.Append("  in: ").AppendLine(WorkingDirectory);
        if (tail.Count > 0)
        {
            message.AppendLine($"  last {tail.Count} lines of output:");
            foreach (var line in tail) message.Append("    ").AppendLine(line);
        }
        return new ToolFailedException(message.ToString().TrimEnd(), echoed, exitCode, tail, inner);
    }

    private string Mask(string text)
    {
        foreach (var secret in Secrets) text = text.Replace(secret, SecretMasker.Mask, StringComparison.Ordinal);
        return SecretMasker.Apply(text);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or '`' or '\\' or ';' or '&' or '|')
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
