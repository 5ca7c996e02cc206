using Slipway.Processes;

namespace Slipway.Components;

/// <summary>The questions the components ask git about a checkout: run quietly, answered by exit code and output.</summary>
internal static class Git
{
    /// <summary>Runs <c>git -C <paramref name="directory"/></c> with the arguments; a non-zero exit is the caller's to judge.</summary>
    public static Task<ToolResult> RunAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        Tool.Of("git").WithArguments(["-C", directory, .. arguments])
            .WithExitCodeValidation(false).WithOutputLogging(false)
            .ExecuteAsync(cancellationToken);

    /// <summary>git's trimmed output; null when git failed, printed nothing, or is not installed.</summary>
    public static async Task<string?> OutputAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        try
        {
            var result = await RunAsync(directory, cancellationToken, arguments);
            var output = result.StandardOutput.Trim();
            return result.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (ToolFailedException)
        {
            return null; // git is not installed
        }
    }
}
