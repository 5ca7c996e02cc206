using System.Text.RegularExpressions;

namespace Slipway.Components.Images;

/// <summary>
/// Reads BuildKit's <c>--progress=plain</c> output (the classic <c>docker build</c> frontend): <c>#8 [build 2/6] WORKDIR /src</c>
/// names vertex 8, <c>#8 CACHED</c> marks it cached, <c>#8 ERROR: ...</c> failed it; other <c>#8 ...</c> lines are its output.
/// </summary>
internal sealed partial class PlainProgress : BuildProgress
{
    private readonly Dictionary<int, Vertex> _vertices = [];

    protected override void Read(string line)
    {
        var match = VertexLine().Match(line);
        if (!match.Success)
        {
            if (line.Trim().Length > 0) KeepOtherLine(line);
            return;
        }
        var id = int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var text = match.Groups["text"].Value;
        if (!_vertices.TryGetValue(id, out var vertex))
        {
            _vertices[id] = new Vertex(text);
            return;
        }
        if (text == "CACHED") vertex.Cached = true;
        else if (text.StartsWith("ERROR: ", StringComparison.Ordinal)) vertex.Error = text["ERROR: ".Length..];
        else AddToTail(vertex.Output, text);
    }

    protected override IEnumerable<(string Name, bool Cached)> Vertices() =>
        _vertices.OrderBy(v => v.Key).Select(v => (v.Value.Name, v.Value.Cached));

    protected override IEnumerable<(string Name, string Error, IReadOnlyCollection<string> Tail)> Failures() =>
        _vertices.Values.Where(v => v.Error is not null).Select(v => (v.Name, v.Error!, (IReadOnlyCollection<string>)v.Output));

    [GeneratedRegex(@"^#(?<id>\d+) (?<text>.*)$")]
    private static partial Regex VertexLine();

    private sealed class Vertex(string name)
    {
        public string Name { get; } = name;
        public bool Cached { get; set; }
        public string? Error { get; set; }
        public Queue<string> Output { get; } = new();
    }
}
