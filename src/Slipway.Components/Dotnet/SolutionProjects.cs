using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Slipway.Components.Dotnet;

/// <summary>The projects a solution file lists (<c>*.sln</c> or <c>*.slnx</c>), read from its text without MSBuild.</summary>
internal static partial class SolutionProjects
{
    /// <summary>
    /// The paths the solution at <paramref name="solutionPath"/> lists, relative to it, <c>\</c> as <c>/</c>, in its order;
    /// solution folders (no file extension) included as the file lists them. An <c>.slnx</c> that is not XML lists none.
    /// </summary>
    public static IReadOnlyList<string> Paths(string solutionPath, string text)
    {
        ArgumentNullException.ThrowIfNull(solutionPath);
        ArgumentNullException.ThrowIfNull(text);
        var paths = solutionPath.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            ? Xml(text)?.Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path") ?? "") ?? []
            : SlnProject().Matches(text).Select(m => m.Groups[1].Value);
        return [.. paths.Select(p => p.Replace('\\', '/'))];
    }

    private static XDocument? Xml(string text)
    {
        try
        {
            return XDocument.Parse(text);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^Project\(""[^""]*""\)\s*=\s*""[^""]*""\s*,\s*""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
