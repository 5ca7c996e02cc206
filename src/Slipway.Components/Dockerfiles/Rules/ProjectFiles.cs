using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Slipway.Components.Dockerfiles;

/// <summary>What DockerLint reads from MSBuild project and solution files of the build context.</summary>
internal static partial class ProjectFiles
{
    /// <summary>True for an MSBuild project file (<c>*.csproj</c>, <c>*.fsproj</c>, any <c>*.*proj</c>).</summary>
    public static bool IsProject(string path) => ProjectName().IsMatch(CopySources.FileName(path));

    /// <summary>True for a solution file (<c>*.sln</c>, <c>*.slnx</c>).</summary>
    public static bool IsSolution(string path) =>
        path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>Include</c> paths of the project's <c>&lt;ProjectReference&gt;</c> items, <c>\</c> as <c>/</c>, conditions not
    /// evaluated; paths with MSBuild expressions (<c>$(…)</c>, <c>@(…)</c>, <c>%(…)</c>) or wildcards are left out. Null when the
    /// text is not XML.
    /// </summary>
    public static IReadOnlyList<string>? References(string projectText) =>
        Load(projectText)?.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .SelectMany(e => ((string?)e.Attribute("Include") ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(p => !Expression().IsMatch(p) && !PathPattern.HasWildcard(p))
            .Select(p => p.Replace('\\', '/'))
            .ToList();

    /// <summary>The value of the last <c>&lt;AssemblyName&gt;</c> the project sets; null when it sets none; throws nothing.</summary>
    public static string? AssemblyName(XDocument project) =>
        project.Descendants().LastOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim();

    /// <summary>True when the text holds an MSBuild expression (<c>$(…)</c>, <c>@(…)</c>, <c>%(…)</c>).</summary>
    public static bool HasExpression(string text) => Expression().IsMatch(text);

    /// <summary>The project paths a solution lists, relative to the solution, <c>\</c> as <c>/</c>; solution folders left out.</summary>
    public static IReadOnlyList<string> SolutionProjects(string solutionPath, string text) =>
        [.. Dotnet.SolutionProjects.Paths(solutionPath, text).Where(IsProject)];

    /// <summary>The parsed XML, or null when the text is not XML.</summary>
    public static XDocument? Load(string text)
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

    [GeneratedRegex(@"^[^/]+\.\w*proj$", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectName();

    [GeneratedRegex(@"[$@%]\(")]
    private static partial Regex Expression();
}
