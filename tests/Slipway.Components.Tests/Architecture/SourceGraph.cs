using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Components.Tests.Architecture;

/// <summary>One folder using a type of another: the file that does, and the type it names.</summary>
internal sealed record FolderDependency(string From, string To, string File, string Type)
{
    public override string ToString() => $"{From} → {To}: {File} uses {Type}";
}

/// <summary>
/// Which folder of <c>src/Slipway.Common</c> and <c>src/Slipway.Components</c> uses which, read from the C# text: every type
/// declared at the top of a file belongs to its folder (a file at a project's root is a node of its own, named without
/// <c>.cs</c>); a file uses a type when it names it where the type's namespace is in scope (the file's namespace and its
/// parents, its <c>using</c> directives) or qualifies it (<c>Slipway.Components.Platforms.TargetPlatforms</c>,
/// <c>CI.CiFiles</c>). Comments and string literals are left out. Subfolders belong to their first-level folder.
/// </summary>
internal sealed partial class SourceGraph
{
    private SourceGraph(IReadOnlyDictionary<string, string> projectOf, IReadOnlyList<FolderDependency> dependencies)
    {
        ProjectOf = projectOf;
        Dependencies = dependencies;
    }

    /// <summary>Each node and the project it is in (<c>Slipway.Common</c>, <c>Slipway.Components</c>).</summary>
    public IReadOnlyDictionary<string, string> ProjectOf { get; }

    /// <summary>Every use of another node's type, one per file and type.</summary>
    public IReadOnlyList<FolderDependency> Dependencies { get; }

    /// <summary>Reads the projects under <paramref name="src"/> (each a directory of .cs files; bin/ and obj/ left out).</summary>
    public static SourceGraph Read(string src, params string[] projects)
    {
        var files = new List<(string Path, string Node, string Namespace, string Code, List<string> Usings)>();
        var projectOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var projectDirectory = Path.Combine(src, project);
            foreach (var file in Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
                if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)) continue;
                var node = relative.Contains('/', StringComparison.Ordinal) ? relative[..relative.IndexOf('/', StringComparison.Ordinal)] : relative[..^3];
                if (projectOf.TryGetValue(node, out var other) && other != project)
                    throw new InvalidOperationException($"'{node}' is a folder or root file of both {other} and {project}: the folder table could not tell them apart.");
                projectOf[node] = project;
                var text = File.ReadAllText(file);
                var ns = FileNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : "";
                var usings = UsingDirective().Matches(text).Select(u => u.Groups[1].Value).ToList();
                files.Add(($"src/{project}/{relative}", node, ns, UsingDirective().Replace(Code(text), ""), usings));
            }
        }

        var declared = new Dictionary<string, List<(string Namespace, string Node)>>(StringComparer.Ordinal);
        foreach (var (_, node, ns, code, _) in files)
        {
            foreach (Match d in TopLevelDeclaration().Matches(code))
            {
                var name = d.Groups["name"].Value;
                if (!declared.TryGetValue(name, out var list)) declared[name] = list = [];
                list.Add((ns, node));
            }
        }

        var dependencies = new List<FolderDependency>();
        foreach (var (path, node, ns, code, usings) in files)
        {
            var enclosing = Enclosing(ns);
            var inScope = enclosing.Concat(usings).ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<(string, string)>();
            foreach (Match chain in NameChain().Matches(code))
            {
                var parts = chain.Groups[1].Value.Split('.');
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!declared.TryGetValue(parts[i], out var candidates)) continue;
                    var qualifier = string.Join('.', parts[..i]);
                    foreach (var (typeNamespace, typeNode) in candidates)
                    {
                        var visible = i == 0
                            ? inScope.Contains(typeNamespace)
                            : typeNamespace == qualifier || enclosing.Any(e => typeNamespace == e + "." + qualifier);
                        if (visible && typeNode != node && seen.Add((typeNode, parts[i])))
                            dependencies.Add(new FolderDependency(node, typeNode, path, parts[i]));
                    }
                }
            }
        }
        return new SourceGraph(projectOf, dependencies);
    }

    /// <summary>A namespace and its parents: <c>Slipway.Components.Images</c>, <c>Slipway.Components</c>, <c>Slipway</c>.</summary>
    private static List<string> Enclosing(string ns)
    {
        var parts = ns.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return [.. Enumerable.Range(1, parts.Length).Select(n => string.Join('.', parts[..n]))];
    }

    /// <summary>The code without comments, string and character literals (an interpolated string's holes go with it).</summary>
    internal static string Code(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && At(text, i + 1, '/'))
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c == '"' && At(text, i + 1, '"') && At(text, i + 2, '"'))
            {
                var quotes = 0;
                while (At(text, i + quotes, '"')) quotes++;
                var end = text.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + quotes;
                sb.Append("\"\"");
            }
            else if (c == '"')
            {
                var verbatim = i > 0 && (text[i - 1] == '@' || (text[i - 1] == '$' && i > 1 && text[i - 2] == '@'));
                i++;
                while (i < text.Length)
                {
                    if (!verbatim && text[i] == '\\') i += 2;
                    else if (text[i] == '"' && verbatim && At(text, i + 1, '"')) i += 2;
                    else if (text[i] == '"') break;
                    else i++;
                }
                i++;
                sb.Append("\"\"");
            }
            else if (c == '\'' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                i++;
                while (i < text.Length && text[i] != '\'') i += text[i] == '\\' ? 2 : 1;
                i++;
                sb.Append("' '");
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    [GeneratedRegex(@"^namespace ([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?([\w.]+)\s*;[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    // A type at the start of a line (file-scoped namespaces: no indentation); nested types belong to their outer type.
    [GeneratedRegex(@"^(?:(?:public|internal|static|sealed|abstract|partial|readonly|ref|file)\s+)*(?:(?:class|interface|struct|enum|record(?:\s+(?:class|struct))?)\s+(?<name>\w+)|delegate\s+[^(;=]+?\s(?<name>\w+)\s*[<(])", RegexOptions.Multiline)]
    private static partial Regex TopLevelDeclaration();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")]
    private static partial Regex NameChain();
}
