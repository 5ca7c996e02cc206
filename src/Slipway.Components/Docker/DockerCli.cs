using System.Collections.Immutable;
using Slipway.Processes;

namespace Slipway.Components.Docker;

/// <summary>
/// The docker client every component calls: which executable, and its environment (the daemon through <c>DOCKER_HOST</c>,
/// the login through a private <c>DOCKER_CONFIG</c>). Immutable: <see cref="WithEnvironment"/> returns a new client.
/// </summary>
/// <param name="Executable">The docker executable, <c>docker</c> from PATH by default.</param>
/// <param name="Environment">Variables set for every command, e.g. <c>DOCKER_HOST</c> and <c>DOCKER_CONFIG</c>.</param>
public sealed record DockerCli(string Executable, ImmutableDictionary<string, string?> Environment)
{
    /// <summary><c>docker</c> from PATH, talking to the daemon the process environment names.</summary>
    public static DockerCli FromPath { get; } = new("docker", ImmutableDictionary<string, string?>.Empty);

    /// <summary>The variables of a run's environment that choose docker's daemon and its client configuration.</summary>
    private static readonly string[] s_clientVariables = ["DOCKER_HOST", "DOCKER_CONFIG"];

    /// <summary>
    /// <c>docker</c> from PATH with the daemon and the client configuration the run's environment names
    /// (<c>DOCKER_HOST</c>, <c>DOCKER_CONFIG</c> from <c>Host.Environment</c>), so a test's environment reaches docker.
    /// </summary>
    internal static DockerCli For(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var docker = FromPath;
        foreach (var name in s_clientVariables)
            if (environment.TryGetValue(name, out var value) && value.Length > 0) docker = docker.WithEnvironment(name, value);
        return docker;
    }

    /// <summary>This client with one more environment variable set for every command.</summary>
    public DockerCli WithEnvironment(string name, string? value) => this with { Environment = Environment.SetItem(name, value) };

    /// <summary>A docker command with these arguments, quiet by default: callers decide what to log.</summary>
    public ToolCommand Command(params IEnumerable<string> arguments)
    {
        var command = Tool.Of(Executable).WithArguments(arguments).WithOutputLogging(false);
        foreach (var (name, value) in Environment) command = command.WithEnvironment(name, value);
        return command;
    }

    /// <summary>
    /// The command as a person runs it, pasted into a new shell: shell-quoted, with this client's <c>DOCKER_HOST</c> and
    /// <c>DOCKER_CONFIG</c> in front when it sets them (PowerShell's <c>$env:NAME='…';</c> on Windows), so that it reaches
    /// the same daemon with the same login as the build did. For messages that tell a person what to run.
    /// </summary>
    public string ToPaste(params IEnumerable<string> arguments)
    {
        var command = string.Join(' ', new[] { "docker" }.Concat(arguments).Select(Quote));
        var settings = s_clientVariables
            .Where(name => Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value))
            .Select(name => (Name: name, Value: Environment[name]!));
        return string.Concat(settings.Select(s => OperatingSystem.IsWindows()
            ? $"$env:{s.Name}='{s.Value.Replace("'", "''", StringComparison.Ordinal)}'; "
            : $"{s.Name}={Quote(s.Value)} ")) + command;
    }

    /// <summary>Runs a command and returns its result whatever the exit code.</summary>
    public Task<ToolResult> TryAsync(CancellationToken cancellationToken, params IEnumerable<string> arguments) =>
        Command(arguments).WithExitCodeValidation(false).ExecuteAsync(cancellationToken);

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
