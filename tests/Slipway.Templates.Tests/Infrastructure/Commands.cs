using Slipway.Components.Tests.Infrastructure;
using Slipway.Processes;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// Runs the commands a user runs (dotnet, git, bash, pwsh, docker) with an environment cleaned of everything the test
/// host or a CI runner would leak into a generated repository's build.
/// </summary>
internal static class Commands
{
    /// <summary>Variables that would steer a nested MSBuild, the bootstrap scripts, the engine's host detection or its parameters.</summary>
    private static readonly string[] s_clearedPrefixes =
    [
        "MSBuild", "MSBUILD", "SLIPWAY_", "GITHUB_", "GITLAB_", "CI_", "RUNNER_", "TRIVY_STANDIN_",
    ];

    private static readonly string[] s_clearedNames =
    [
        "CI", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "JENKINS_URL", "Git_Branch",
        "REGISTRY", "IMAGE", "REGISTRY_USERNAME", "REGISTRY_PASSWORD", "SDK_IMAGE", "RUNTIME_IMAGE",
        "COSIGN_KEY", "COSIGN_PASSWORD", "COSIGN_PUBLIC_KEY", "NUGET_AUTH_TOKEN", "SIGN_KEYLESS", "ATTACH_VERDICT",
    ];

    /// <summary>Runs a command to its end and returns its output, whatever the exit code.</summary>
    public static ToolResult Run(string executable, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, Action<OutputLine>? onLine = null)
    {
        var command = Tool.Of(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithOutputLogging(false)
            .WithExitCodeValidation(false)
            .WithTimeout(timeout ?? TimeSpan.FromMinutes(10));
        foreach (var name in Cleared()) command = command.WithEnvironment(name, null);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) command = command.WithEnvironment(name, value);
        if (onLine is not null) command = command.WithOutputHandler(onLine);
        return command.Execute();
    }

    /// <summary>Runs a command that must succeed; a failure names it and shows its output.</summary>
    public static string Check(string executable, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var args = arguments.ToList();
        var result = Run(executable, args, workingDirectory, environment);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', args)} exited {result.ExitCode} in {workingDirectory}:\n{Text(result)}");
        return result.StandardOutput.Trim();
    }

    /// <summary>stdout and stderr as the user saw them, in order.</summary>
    public static string Text(ToolResult result) => string.Join('\n', result.Output.Select(l => l.Text));

    /// <summary>git in a repository, with a fixed identity.</summary>
    public static string Git(string repository, params string[] arguments) =>
        Check("git", ["-c", "user.name=Slipway Tests", "-c", "user.email=tests@slipway.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", .. arguments], repository);

    /// <summary>docker against the container environment's daemon.</summary>
    public static ToolResult Docker(params string[] arguments) =>
        Run(DockerEnvironment.Current.Values.GetValueOrDefault("DOCKER", "docker"), arguments, Path.GetTempPath(),
            new Dictionary<string, string> { ["DOCKER_HOST"] = DockerEnvironment.Current.Values["DOCKER_HOST"] });

    private static IEnumerable<string> Cleared()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (s_clearedNames.Contains(name, StringComparer.Ordinal) || s_clearedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
                yield return name;
        }
    }
}
