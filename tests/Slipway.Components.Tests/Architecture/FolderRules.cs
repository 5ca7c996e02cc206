namespace Slipway.Components.Tests.Architecture;

/// <summary>
/// The "Folder | May use" tables of docs/architecture.md, read as rules. Every folder and root file of Slipway.Components may
/// use Slipway.Common (the table's first row says so; its rows name only Components nodes for them). In the second column,
/// <c>Common</c> (or <c>Common only</c>) stands for every folder and root file of Slipway.Common, <c>everything</c> for every node, <c>nothing</c> for none, and
/// <c>X and everything X may use</c> for X plus what its own row allows. A row whose first cell starts with <c>Slipway.</c> is
/// prose about a whole project and is not a rule. The "Edge | Why it stays" table lists dependencies that close a cycle
/// and are allowed to, until someone unties them.
/// </summary>
internal sealed class FolderRules
{
    private readonly Dictionary<string, HashSet<string>> _allowed;

    private readonly IReadOnlyDictionary<string, string> _projectOf;

    private FolderRules(Dictionary<string, HashSet<string>> allowed, HashSet<(string From, string To)> cycleEdges, IReadOnlyDictionary<string, string> projectOf)
    {
        _allowed = allowed;
        _projectOf = projectOf;
        CycleEdges = cycleEdges;
    }

    /// <summary>The nodes that have a row.</summary>
    public IReadOnlyCollection<string> Nodes => _allowed.Keys;

    /// <summary>Dependencies allowed to close a cycle.</summary>
    public IReadOnlySet<(string From, string To)> CycleEdges { get; }

    public bool Allows(string from, string to) =>
        _allowed.TryGetValue(from, out var allowed) && allowed.Contains(to) || CycleEdges.Contains((from, to)) ||
        _projectOf.GetValueOrDefault(from) == "Slipway.Components" && _projectOf.GetValueOrDefault(to) == "Slipway.Common";

    /// <summary>Parses the tables; a name that is no node of <paramref name="graph"/> is an error naming it.</summary>
    public static FolderRules Parse(string markdown, SourceGraph graph)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(graph);
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var cycleEdges = new HashSet<(string, string)>();
        string? header = null;
        foreach (var line in markdown.Split('\n').Select(l => l.Trim()))
        {
            if (!line.StartsWith('|'))
            {
                header = null;
                continue;
            }
            var cells = line.Trim('|').Split('|').Select(c => c.Trim().Replace("`", "", StringComparison.Ordinal)).ToArray();
            if (header is null)
            {
                header = cells[0];
                continue;
            }
            if (cells[0].StartsWith("---", StringComparison.Ordinal) || cells[0].StartsWith("Slipway.", StringComparison.Ordinal)) continue;
            if (header == "Folder" && cells.Length >= 2)
            {
                foreach (var node in Names(cells[0]))
                {
                    Known(node, graph, line);
                    if (!rows.TryAdd(node, [.. Names(cells[1])])) throw new FormatException($"{node} has two rows in the folder table: {line}");
                }
            }
            else if (header == "Edge")
            {
                var ends = cells[0].Split('→', StringSplitOptions.TrimEntries);
                if (ends.Length != 2) throw new FormatException($"An edge reads 'From → To': {line}");
                Known(ends[0], graph, line);
                Known(ends[1], graph, line);
                cycleEdges.Add((ends[0], ends[1]));
            }
        }
        if (rows.Count == 0) throw new FormatException("docs/architecture.md has no '| Folder | May use |' table.");

        var common = graph.ProjectOf.Where(p => p.Value == "Slipway.Common").Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> Expand(string node, HashSet<string> visiting)
        {
            if (allowed.TryGetValue(node, out var done)) return done;
            if (!visiting.Add(node)) throw new FormatException($"'{node} and everything {node} may use' refers to itself through other rows.");
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in rows.GetValueOrDefault(node) ?? throw new FormatException($"The folder table refers to {node}'s row, but {node} has none."))
            {
                const string Everything = " and everything ";
                if (entry == "nothing") continue;
                if (entry is "Common" or "Common only") set.UnionWith(common);
                else if (entry == "everything") set.UnionWith(graph.ProjectOf.Keys);
                else if (entry.Contains(Everything, StringComparison.Ordinal))
                {
                    var other = entry[..entry.IndexOf(Everything, StringComparison.Ordinal)];
                    Known(other, graph, entry);
                    set.Add(other);
                    set.UnionWith(Expand(other, visiting));
                }
                else
                {
                    Known(entry, graph, entry);
                    set.Add(entry);
                }
            }
            set.Remove(node);
            allowed[node] = set;
            return set;
        }
        foreach (var node in rows.Keys) Expand(node, new HashSet<string>(StringComparer.Ordinal));
        return new FolderRules(allowed, cycleEdges, graph.ProjectOf);
    }

    private static IEnumerable<string> Names(string cell) =>
        cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.EndsWith(" may use", StringComparison.Ordinal) ? n : n.TrimEnd('.'));

    private static void Known(string node, SourceGraph graph, string where)
    {
        if (!graph.ProjectOf.ContainsKey(node))
            throw new FormatException($"The folder table names '{node}', which is no folder or root file under src/ ({where}).");
    }
}
