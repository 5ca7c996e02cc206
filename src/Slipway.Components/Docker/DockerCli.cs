using System.Collections.Immutable;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>The docker client the image build calls: which executable, and which daemon (through the environment).</summary>
internal sealed record DockerCli(string Executable, ImmutableDictionary<string, string?> Environment)
{
    /// <summary><c>docker</c> from PATH, talking to the daemon the process environment names.</summary>
    public static DockerCli FromPath { get; } = new("docker", ImmutableDictionary<string, string?>.Empty);

    /// <summary>A docker command with these arguments, quiet by default: callers decide what to log.</summary>
    public ToolCommand Command(params IEnumerable<string> arguments)
    {
        var command = Tool.Of(Executable).WithArguments(arguments).WithOutputLogging(false);
        foreach (var (name, value) in Environment) command = command.WithEnvironment(name, value);
        return command;
    }

    /// <summary>Runs a command and returns its result whatever the exit code.</summary>
    public Task<ToolResult> TryAsync(CancellationToken cancellationToken, params IEnumerable<string> arguments) =>
        Command(arguments).WithExitCodeValidation(false).ExecuteAsync(cancellationToken);
}
