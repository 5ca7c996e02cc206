using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// Turns Dockerfile text into instructions with line numbers and a stage model. Understands parser directives
/// (<c># escape=`</c>), comments (also between continuation lines), line continuations, heredocs
/// (<c>RUN &lt;&lt;EOF</c>), flags, JSON vs shell form and <c># slipway-ignore ID</c> comments.
/// </summary>
internal static partial class DockerfileParser
{
    /// <summary>The id of findings for text the parser cannot understand.</summary>
    public const string ParseErrorId = "SW0001";

    private static readonly HashSet<string> JsonFormKeywords =
        new(["RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"], StringComparer.Ordinal);

    private static readonly HashSet<string> HeredocKeywords = new(["RUN", "COPY", "ADD"], StringComparer.Ordinal);

    /// <summary>Parses a Dockerfile.</summary>
    /// <param name="text">The Dockerfile's content.</param>
    /// <param name="buildArguments">Build argument values (like <c>--build-arg</c>) that override <c>ARG</c> defaults.</param>
    public static ParsedDockerfile Parse(string text, IReadOnlyDictionary<string, string>? buildArguments = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var errors = new List<LintFinding>();
        var directives = new Dictionary<string, string>(StringComparer.Ordinal);
        var escape = '\\';

        var i = 0;
        for (; i < lines.Length && DirectiveLine().Match(lines[i]) is { Success: true } m; i++)
        {
            var key = m.Groups[1].Value.ToLowerInvariant();
            var value = m.Groups[2].Value;
            if (!directives.TryAdd(key, value))
                errors.Add(Error(i + 1, $"the parser directive '{key}' is given twice; keep one"));
            if (key != "escape") continue;
            if (value is "\\" or "`") escape = value[0];
            else errors.Add(Error(i + 1, $"'# escape={value}' is not valid; use '# escape=\\' or '# escape=`'"));
        }

        var instructions = new List<DockerfileInstruction>();
        IReadOnlySet<string> ignored = EmptyIds;
        while (i < lines.Length)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                ignored = trimmed.Length > 0 ? IgnoreIds(trimmed) : EmptyIds;
                i++;
                continue;
            }

            var start = i;
            var logical = JoinContinuations(lines, ref i, escape);
            var keywordEnd = 0;
            while (keywordEnd < logical.Length && !char.IsWhiteSpace(logical[keywordEnd])) keywordEnd++;
            var keyword = logical[..keywordEnd].ToUpperInvariant();
            var (flags, arguments) = SplitFlags(logical[keywordEnd..].Trim());
            var json = JsonFormKeywords.Contains(keyword) ? TryParseJsonArray(arguments) : null;
            var heredocs = json is null && HeredocKeywords.Contains(keyword)
                ? ReadHeredocs(arguments, lines, ref i, start, errors)
                : [];

            instructions.Add(new DockerfileInstruction(keyword, arguments, flags, json, heredocs, start + 1, i, ignored));
            ignored = EmptyIds;
        }

        var args = new Dictionary<string, string>(buildArguments ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var (globals, stages) = DockerfileStages.Build(instructions, args, escape, errors);
        return new ParsedDockerfile
        {
            Directives = directives,
            EscapeCharacter = escape,
            Instructions = instructions,
            GlobalArguments = globals,
            BuildArguments = args,
            Stages = stages,
            Errors = errors,
        };
    }

    /// <summary>A finding for text the parser cannot understand.</summary>
    internal static LintFinding Error(int line, string message) => new(ParseErrorId, LintSeverity.Error, line, message);

    private static readonly IReadOnlySet<string> EmptyIds = new HashSet<string>();

    private static IReadOnlySet<string> IgnoreIds(string comment)
    {
        var m = IgnoreComment().Match(comment);
        if (!m.Success) return EmptyIds;
        return m.Groups[1].Value
            .Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(id => id.ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Joins a line with its continuation lines; comment and empty lines between them are dropped.</summary>
    private static string JoinContinuations(string[] lines, ref int i, char escape)
    {
        var sb = new StringBuilder();
        var current = lines[i];
        while (true)
        {
            i++;
            var end = current.TrimEnd(' ', '\t');
            if (end.Length == 0 || end[^1] != escape)
            {
                sb.Append(current);
                return sb.ToString().Trim();
            }
            sb.Append(end, 0, end.Length - 1);
            while (i < lines.Length && lines[i].Trim() is var t && (t.Length == 0 || t[0] == '#')) i++;
            if (i >= lines.Length) return sb.ToString().Trim();
            current = lines[i];
        }
    }

    private static (IReadOnlyList<InstructionFlag> Flags, string Remainder) SplitFlags(string arguments)
    {
        var flags = new List<InstructionFlag>();
        var rest = arguments;
        while (FlagPrefix().Match(rest) is { Success: true } m)
        {
            flags.Add(new InstructionFlag(m.Groups[1].Value, m.Groups[2].Success ? Unquote(m.Groups[2].Value) : null));
            rest = rest[m.Length..];
        }
        return (flags, rest.Trim());
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static IReadOnlyList<string>? TryParseJsonArray(string arguments)
    {
        if (!arguments.StartsWith('[') || !arguments.EndsWith(']')) return null;
        try
        {
            return JsonSerializer.Deserialize<string[]>(arguments);
        }
        catch (JsonException)
        {
            return null; // Docker runs a malformed JSON array as a shell command.
        }
    }

    private static List<Heredoc> ReadHeredocs(string arguments, string[] lines, ref int i, int start, List<LintFinding> errors)
    {
        var heredocs = new List<Heredoc>();
        foreach (Match marker in HeredocMarker().Matches(arguments))
        {
            var stripTabs = marker.Groups[1].Value == "-";
            var name = marker.Groups[3].Value;
            var body = new List<string>();
            var closed = false;
            for (; i < lines.Length; i++)
            {
                var line = stripTabs ? lines[i].TrimStart('\t') : lines[i];
                if (line.TrimEnd('\r') == name)
                {
                    closed = true;
                    i++;
                    break;
                }
                body.Add(line);
            }
            if (!closed)
                errors.Add(Error(start + 1, $"the heredoc <<{name} is never closed; end it with a line that is exactly '{name}'"));
            heredocs.Add(new Heredoc(name, string.Join('\n', body)));
        }
        return heredocs;
    }

    [GeneratedRegex(@"^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(\S*)\s*$")]
    private static partial Regex DirectiveLine();

    [GeneratedRegex(@"^#\s*slipway-ignore\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex IgnoreComment();

    [GeneratedRegex(@"^--([A-Za-z][A-Za-z0-9-]*)(?:=(""[^""]*""|'[^']*'|\S*))?(?:\s+|$)")]
    private static partial Regex FlagPrefix();

    [GeneratedRegex(@"(?<!<)<<(-?)([""']?)([A-Za-z_][A-Za-z0-9_.-]*)\2")]
    private static partial Regex HeredocMarker();
}
