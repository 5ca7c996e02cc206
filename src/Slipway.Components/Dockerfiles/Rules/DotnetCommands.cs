using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>A <c>dotnet restore/build/publish/test/pack</c> command of a <c>RUN</c>.</summary>
/// <param name="Verb">The verb, e.g. <c>restore</c>.</param>
/// <param name="Target">The project, solution or directory argument as written (variables expanded); null when there is none (the working directory).</param>
/// <param name="NoRestore">True when it passes <c>--no-restore</c>.</param>
internal sealed record DotnetCommand(string Verb, string? Target, bool NoRestore)
{
    /// <summary>True when the command restores: <c>restore</c>, or a build, publish, test or pack without <c>--no-restore</c>.</summary>
    public bool Restores => Verb == "restore" || !NoRestore;
}

/// <summary>Finds the <c>dotnet</c> commands that restore or build in a <c>RUN</c>.</summary>
internal static partial class DotnetCommands
{
    // Options of restore/build/publish/test/pack that take the next word as their value.
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal)
    {
        "-c", "--configuration", "-o", "--output", "-r", "--runtime", "-f", "--framework", "-s", "--source", "-a", "--arch",
        "--os", "-v", "--verbosity", "--packages", "--configfile", "-p", "--property", "--version-suffix", "-l", "--logger",
        "--lockfile-path", "--artifacts-path", "-bl", "--results-directory", "--settings", "--filter", "--collect", "-e", "--environment",
    };

    /// <summary>The commands in the <c>RUN</c>'s shell text, variables expanded with the stage's values; a command whose target has a variable without a value is left out.</summary>
    public static IReadOnlyList<DotnetCommand> In(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction run)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(run);
        var commands = new List<DotnetCommand>();
        var text = run.JsonArguments is { } json ? string.Join(' ', json) : run.ShellText;
        foreach (Match match in Step().Matches(text))
        {
            var end = text.IndexOfAny([';', '&', '|', '\n'], match.Index);
            var words = ShellWords.Split(end < 0 ? text[match.Index..] : text[match.Index..end], dockerfile.EscapeCharacter).Skip(2).ToList();
            string? target = null;
            for (var i = 0; i < words.Count && target is null; i++)
            {
                if (ValueOptions.Contains(words[i])) i++;
                else if (!words[i].StartsWith('-') && !MsBuildSwitch().IsMatch(words[i])) target = words[i];
            }
            var expanded = target is null ? null : StageVariables.Expand(dockerfile, stage, run, target);
            if (target is not null && expanded is null) continue;
            commands.Add(new DotnetCommand(match.Groups[1].Value, expanded, words.Contains("--no-restore", StringComparer.Ordinal)));
        }
        return commands;
    }

    [GeneratedRegex(@"^/[A-Za-z]+:|^/(m|bl|nologo|restore|noautorsp)$", RegexOptions.IgnoreCase)]
    private static partial Regex MsBuildSwitch();

    [GeneratedRegex(@"\bdotnet\s+(restore|build|publish|test|pack)\b")]
    private static partial Regex Step();
}
