using System.Reflection;
using System.Text;

namespace Slipway.Execution;

/// <summary>The <see cref="OverviewAttribute"/> sections of a build, rendered for <c>--help</c> and <c>--plan</c>.</summary>
internal static class Overviews
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Each section: its title, then its lines indented, a blank line before it; empty when the build has none.</summary>
    public static string Render(object build)
    {
        var sb = new StringBuilder();
        var type = build.GetType();
        var members = type.GetProperties(InstanceMembers).Concat(type.GetInterfaces().SelectMany(i => i.GetProperties(InstanceMembers)));
        foreach (var property in members.Where(p => p.GetCustomAttribute<OverviewAttribute>() is not null))
        {
            sb.AppendLine();
            sb.AppendLine(property.GetCustomAttribute<OverviewAttribute>()!.Title + ":");
            foreach (var line in Lines(property, build)) sb.AppendLine("  " + line);
        }
        return sb.ToString();
    }

    private static IReadOnlyList<string> Lines(PropertyInfo property, object build)
    {
        try
        {
            var lines = (property.GetValue(build) as IEnumerable<string>)?.ToList() ?? [];
            return lines.Count > 0 ? lines : ["(none)"];
        }
        catch (TargetInvocationException ex) when (ex.InnerException is BuildFailedException failed)
        {
            return [.. ("error: " + failed.Message).Split('\n')];
        }
    }
}
