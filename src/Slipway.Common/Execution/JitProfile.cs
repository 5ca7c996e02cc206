using System.Runtime;
using System.Text;
using Slipway.Parameters;

namespace Slipway.Execution;

/// <summary>
/// Multi-core JIT for the build process. ReadyToRun cannot precompile everything a run calls (generic code of the
/// framework instantiated over the build's types, such as every async method's state machine box), so a run still
/// JIT-compiles about a thousand methods on the thread that needs them. The runtime records them in a profile beside
/// the compiled build, one profile per command (its targets, and --help or --plan), and the next run of the same
/// command compiles them on another core before they are called.
/// </summary>
internal static class JitProfile
{
    /// <summary>Starts recording (and replaying) the profile of <paramref name="arguments"/> in <paramref name="directory"/>, when it exists.</summary>
    public static void Start(string directory, IReadOnlyList<string> arguments)
    {
        if (!Directory.Exists(directory)) return;
        ProfileOptimization.SetProfileRoot(directory);
        ProfileOptimization.StartProfile(NameFor(arguments));
    }

    /// <summary>
    /// The profile's file name: the targets named on the command line (case-insensitive, in order) and the engine's
    /// --help and --plan, which run other code than the targets do; <c>default</c> for the default target.
    /// </summary>
    internal static string NameFor(IReadOnlyList<string> arguments)
    {
        var command = CommandLine.Parse(arguments);
        var words = command.Targets.Select(t => t.ToLowerInvariant()).ToList();
        foreach (var flag in new[] { "help", "plan" })
        {
            if (command.Options.Any(o => o.Normalized == flag || (flag == "help" && o.Normalized == "h"))) words.Add("--" + flag);
        }
        if (command.Targets.Count == 0) words.Insert(0, "default");
        var name = new StringBuilder("jit.");
        foreach (var c in string.Join('+', words)) name.Append(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '_' ? c : '_');
        if (name.Length > 100) name.Length = 100;
        return name.Append(".profile").ToString();
    }
}
