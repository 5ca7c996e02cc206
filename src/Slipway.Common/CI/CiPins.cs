using System.Text.RegularExpressions;

namespace Slipway.CI;

/// <summary>
/// The pins in a CI file that a person or a bot moves: commit-pinned actions (<c>uses: owner/repo@&lt;sha&gt; # v1.2.3</c>)
/// and digest-pinned images (<c>name:tag@sha256:…</c>). Read back from a committed file, they replace the package's
/// pins when the file is re-rendered.
/// </summary>
internal static partial class CiPins
{
    /// <summary>What a file pins: each action and image by name, to its reference as the file has it (the first, if several).</summary>
    internal sealed record Pins(IReadOnlyDictionary<string, string> Actions, IReadOnlyDictionary<string, string> Images);

    public static Pins Read(string file)
    {
        var actions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Action().Matches(file)) actions.TryAdd(m.Groups["name"].Value, m.Groups["pin"].Value);
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Image().Matches(file)) images.TryAdd(m.Groups["name"].Value, m.Groups["pin"].Value);
        return new(actions, images);
    }

    /// <summary>The rendered text with each action and image that <paramref name="pins"/> names moved to the file's pin.</summary>
    public static string Apply(string rendered, Pins pins)
    {
        var text = Action().Replace(rendered, m => pins.Actions.TryGetValue(m.Groups["name"].Value, out var pin) ? m.Groups["name"].Value + pin : m.Value);
        return Image().Replace(text, m => pins.Images.TryGetValue(m.Groups["name"].Value, out var pin) ? m.Groups["name"].Value + pin : m.Value);
    }

    /// <summary>The text with every pin left out: what stays the same when only pins move.</summary>
    public static string Normalize(string text) =>
        Image().Replace(Action().Replace(text, m => m.Groups["name"].Value + "@<pin>"), m => m.Groups["name"].Value + "@<pin>");

    // uses: owner/repo[/path]@<40 hex>[ # version comment]
    [GeneratedRegex(@"(?<=uses:\s*)(?<name>[\w.\-]+/[\w.\-/]+)(?<pin>@[0-9a-f]{40}(?:[ \t]+#[^\n]*)?)")]
    private static partial Regex Action();

    // [host[:port]/]path[:tag]@sha256:<64 hex>
    [GeneratedRegex(@"(?<name>[a-z0-9][\w.\-]*(?::\d+)?(?:/[\w.\-]+)*)(?<pin>(?::[\w.\-]+)?@sha256:[0-9a-f]{64})")]
    private static partial Regex Image();
}
