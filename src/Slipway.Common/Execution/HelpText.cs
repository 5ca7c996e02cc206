using System.Text;
using Slipway.Parameters;
using Slipway.Targets;

namespace Slipway.Execution;

/// <summary><c>--help</c>: targets (description, default, dependencies), parameters (type, env var, value and its source) and engine options.</summary>
internal static class HelpText
{
    public static string Render(IReadOnlyList<BuildTarget> targets, ParameterSet parameters, object build)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Usage: ./build.sh [targets] [--parameter value ...] [options]");
        sb.AppendLine();
        sb.AppendLine("Targets (* = default):");
        var listed = targets.Where(t => !t.Definition.IsUnlisted).ToList();
        var width = listed.Count == 0 ? 0 : listed.Max(t => t.Name.Length) + 2;
        foreach (var t in listed)
        {
            var name = t.Name + (t.IsDefault ? " *" : "");
            var line = $"  {name.PadRight(width)}  {t.Definition.DescriptionText}".TrimEnd();
            if (t.Dependencies.Count > 0) line += $" (after {string.Join(", ", t.Dependencies.Select(d => d.Name))})";
            sb.AppendLine(line);
        }

        sb.AppendLine();
        sb.AppendLine("Parameters:");
        if (parameters.Parameters.Count == 0) sb.AppendLine("  (none)");
        foreach (var p in parameters.Parameters)
        {
            var secret = p.IsSecret ? ", secret" : "";
            sb.AppendLine($"  {p.CliName} <{p.TypeDisplay}>  {p.Description}".TrimEnd());
            sb.AppendLine($"      env {p.EnvironmentName} or {p.PrefixedEnvironmentName}{secret}; value: {ParameterSet.Display(p, build)} ({parameters.SourceOf(p) ?? "default"})");
        }

        sb.Append(Overviews.Render(build));

        sb.AppendLine();
        sb.AppendLine("Options:");
        sb.AppendLine("  --help                 this text");
        sb.AppendLine("  --plan                 print the ordered plan and its graph, run nothing");
        sb.AppendLine("  --skip [targets]       skip all targets but the invoked ones, or the named ones");
        sb.AppendLine("  --parallel [n]         run independent targets concurrently (n: at most this many)");
        sb.AppendLine("  --profile <name>       also read .nuke/parameters.<name>.json");
        sb.AppendLine("  --verbosity <level>    quiet | normal | verbose");
        sb.AppendLine("  --update-ci-files [keep|overwrite]  re-render the CI files from their attributes, keeping their pins");
        return sb.ToString();
    }
}
