using System.Text;
using System.Text.Json;

namespace Slipway.Components.Images;

/// <summary>
/// Reads <c>docker buildx build --progress=rawjson</c>: a stream of BuildKit <c>SolveStatus</c> objects on standard
/// error. buildx 0.13 prints each object indented over several lines, opening with <c>{</c> and closing with <c>}</c>
/// at the start of a line; single-line objects are read too. A vertex update names the step (<c>name</c>) and may say
/// <c>cached</c>, <c>completed</c> or <c>error</c>; <c>logs</c> carry the steps' output, base64-encoded. Lines outside
/// objects (warnings, the final <c>ERROR: failed to solve</c>) are kept for the failure message.
/// </summary>
internal sealed class RawJsonProgress(Action<string>? log = null) : BuildProgress
{
    private readonly StringBuilder _object = new();
    private readonly Dictionary<string, Vertex> _vertices = new(StringComparer.Ordinal);
    private readonly List<Vertex> _completed = [];

    protected override void Read(string line)
    {
        if (_object.Length == 0)
        {
            if (!line.StartsWith('{'))
            {
                if (line.Trim().Length > 0)
                {
                    KeepOtherLine(line);
                    log?.Invoke(line);
                }
                return;
            }
            if (line.Length > 1 && line.TrimEnd().EndsWith('}') && TryRead(line, keepIfInvalid: false)) return;
        }
        _object.Append(line).Append('\n');
        if (line.StartsWith('}'))
        {
            TryRead(_object.ToString(), keepIfInvalid: true);
            _object.Clear();
        }
    }

    // In the order they completed: the order the build did them in.
    protected override IEnumerable<(string Name, bool Cached)> Vertices() =>
        _completed.Concat(_vertices.Values.Where(v => !v.Completed)).Where(v => v.Name is not null).Select(v => (v.Name!, v.Cached));

    protected override IEnumerable<(string Name, string Error, IReadOnlyCollection<string> Tail)> Failures() =>
        _vertices.Values.Where(v => v.Error is not null).Select(v => (v.Name ?? v.Digest, v.Error!, (IReadOnlyCollection<string>)v.Output));

    private bool TryRead(string json, bool keepIfInvalid)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            Apply(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            if (keepIfInvalid) KeepOtherLine(json.TrimEnd());
            return false;
        }
    }

    private void Apply(JsonElement status)
    {
        if (status.TryGetProperty("vertexes", out var vertexes) && vertexes.ValueKind == JsonValueKind.Array)
        {
            foreach (var update in vertexes.EnumerateArray()) ApplyVertex(update);
        }
        if (status.TryGetProperty("logs", out var logs) && logs.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in logs.EnumerateArray()) ApplyLog(entry);
        }
    }

    private void ApplyVertex(JsonElement update)
    {
        if (String(update, "digest") is not { } digest) return;
        if (!_vertices.TryGetValue(digest, out var vertex)) _vertices[digest] = vertex = new Vertex(digest);
        vertex.Name ??= String(update, "name");
        if (update.TryGetProperty("cached", out var cached) && cached.ValueKind == JsonValueKind.True) vertex.Cached = true;
        if (String(update, "error") is { } error) vertex.Error = error;
        if (String(update, "completed") is not null && !vertex.Completed)
        {
            vertex.Completed = true;
            _completed.Add(vertex);
            if (vertex.Name is { } name && BuildSteps.IsStep(name))
                log?.Invoke($"{(vertex.Error is not null ? "FAILED" : vertex.Cached ? "CACHED" : "done  ")} {name}");
        }
    }

    private void ApplyLog(JsonElement entry)
    {
        if (String(entry, "vertex") is not { } digest || String(entry, "data") is not { } data) return;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }
        catch (FormatException)
        {
            return;
        }
        if (!_vertices.TryGetValue(digest, out var vertex)) _vertices[digest] = vertex = new Vertex(digest);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Trim().Length == 0) continue;
            AddToTail(vertex.Output, trimmed);
            log?.Invoke("       " + trimmed);
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class Vertex(string digest)
    {
        public string Digest { get; } = digest;
        public string? Name { get; set; }
        public bool Cached { get; set; }
        public bool Completed { get; set; }
        public string? Error { get; set; }
        public Queue<string> Output { get; } = new();
    }
}
