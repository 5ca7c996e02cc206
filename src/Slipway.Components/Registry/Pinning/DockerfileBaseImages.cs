using Slipway.Components.References;
using System.Text.RegularExpressions;

namespace Slipway.Components.Registry;

/// <summary>Where a base image reference sits in a Dockerfile: its line, and the column range of its text.</summary>
internal sealed record BaseImageOccurrence(int Line, int Start, ImageReference Reference, string? ArgumentName);

/// <summary>
/// Finds the base images of a Dockerfile line by line — <c>FROM image</c> lines and the defaults of <c>ARG</c>s that a
/// <c>FROM</c> uses (or that are pinned by digest) — and rewrites their digests in place, leaving every other byte as it was.
/// Continuation lines and heredoc bodies are skipped, so text inside a <c>RUN</c> is never taken for an instruction.
/// </summary>
internal static partial class DockerfileBaseImages
{
    /// <summary>The base image references of a Dockerfile, in order.</summary>
    public static IReadOnlyList<BaseImageOccurrence> Find(string dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var lines = dockerfile.Split('\n');
        var instructions = Instructions(lines).ToList();
        var usedInFrom = new HashSet<string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var found = new List<BaseImageOccurrence>();

        foreach (var (index, keyword, rest, restStart) in instructions)
        {
            if (keyword != "FROM") continue;
            var tokens = Tokens(rest, restStart).Where(t => !t.Text.StartsWith("--", StringComparison.Ordinal)).ToList();
            if (tokens.Count == 0) continue;
            var image = tokens[0];
            foreach (Match m in VariableUse().Matches(image.Text)) usedInFrom.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            if (tokens.Count >= 3 && tokens[1].Text.Equals("AS", StringComparison.OrdinalIgnoreCase)) stages.Add(tokens[2].Text);
            if (stages.Contains(image.Text) && !image.Text.Contains(':', StringComparison.Ordinal)) continue;
            if (ImageReference.TryParseLiteral(image.Text) is { Tag: not null } reference)
                found.Add(new BaseImageOccurrence(index, image.Start, reference, null));
        }

        foreach (var (index, keyword, rest, restStart) in instructions)
        {
            if (keyword != "ARG") continue;
            var match = ArgumentDefault().Match(rest);
            if (!match.Success) continue;
            var name = match.Groups["name"].Value;
            var value = match.Groups["value"];
            if (!usedInFrom.Contains(name) && !value.Value.Contains("@sha256:", StringComparison.Ordinal)) continue;
            if (ImageReference.TryParseLiteral(value.Value) is { Tag: not null } reference)
                found.Add(new BaseImageOccurrence(index, restStart + value.Index, reference, name));
        }
        return [.. found.OrderBy(o => o.Line)];
    }

    /// <summary>The Dockerfile with the given references replaced by their new pins; all other text is kept byte for byte.</summary>
    public static string Rewrite(string dockerfile, IEnumerable<(BaseImageOccurrence Occurrence, string NewReference)> pins)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(pins);
        var lines = dockerfile.Split('\n');
        foreach (var (occurrence, newReference) in pins.OrderByDescending(p => p.Occurrence.Start))
        {
            var line = lines[occurrence.Line];
            var text = occurrence.Reference.Text;
            if (string.CompareOrdinal(line, occurrence.Start, text, 0, text.Length) != 0)
                throw new InvalidOperationException($"Line {occurrence.Line + 1} no longer holds '{text}'.");
            lines[occurrence.Line] = line[..occurrence.Start] + newReference + line[(occurrence.Start + text.Length)..];
        }
        return string.Join('\n', lines);
    }

    // Instruction lines: not comments, not continuations of the line before, not heredoc bodies.
    private static IEnumerable<(int Index, string Keyword, string Arguments, int ArgumentsStart)> Instructions(string[] lines)
    {
        var continued = false;
        string? heredocEnd = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (heredocEnd is not null)
            {
                if (line.Trim() == heredocEnd) heredocEnd = null;
                continue;
            }
            var trimmed = line.TrimStart();
            var wasContinued = continued;
            continued = trimmed.Length > 0 && !trimmed.StartsWith('#') ? line.EndsWith('\\') : continued && trimmed.Length > 0;
            if (wasContinued || trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            if (Heredoc().Match(line) is { Success: true } heredoc) heredocEnd = heredoc.Groups[2].Value;

            var match = Instruction().Match(line);
            if (!match.Success) continue;
            var rest = match.Groups["rest"];
            yield return (i, match.Groups["keyword"].Value.ToUpperInvariant(), rest.Value, rest.Index);
        }
    }

    private static IEnumerable<(string Text, int Start)> Tokens(string text, int offset)
    {
        foreach (Match m in Token().Matches(text)) yield return (m.Value, offset + m.Index);
    }

    [GeneratedRegex(@"^\s*(?<keyword>[A-Za-z]+)\s+(?<rest>.*?)\s*$")]
    private static partial Regex Instruction();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<q>[""']?)(?<value>[^\s""']+)\k<q>\s*$")]
    private static partial Regex ArgumentDefault();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Token();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableUse();

    [GeneratedRegex(@"<<-?([""']?)([A-Za-z_][A-Za-z0-9_]*)\1")]
    private static partial Regex Heredoc();
}
