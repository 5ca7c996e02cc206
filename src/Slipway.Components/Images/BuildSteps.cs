using System.Text.RegularExpressions;

namespace Slipway.Components.Images;

/// <summary>One Dockerfile instruction BuildKit ran or took from its cache, e.g. <c>[build 4/6] RUN dotnet restore</c>.</summary>
internal sealed record BuildStep(string Name, bool Cached);

/// <summary>
/// The Dockerfile steps of a build and which came from the cache. Only numbered instructions count
/// (<c>[stage n/m] ...</c>); <c>FROM</c> (resolving a base image), <c>[internal]</c> work and exporting are not steps.
/// </summary>
internal sealed partial class BuildSteps
{
    public BuildSteps(IEnumerable<BuildStep> steps) => Steps = [.. steps];

    /// <summary>The steps in the order the builder reported them done.</summary>
    public IReadOnlyList<BuildStep> Steps { get; }

    /// <summary>How many steps came from the cache.</summary>
    public int CachedCount => Steps.Count(s => s.Cached);

    /// <summary>How many steps there were.</summary>
    public int TotalCount => Steps.Count;

    /// <summary>
    /// Whether the dependency restore came from the cache: true when every <c>RUN</c> step with a restore command
    /// (<c>dotnet restore</c>, not <c>--no-restore</c>) was cached, null when the Dockerfile has none.
    /// </summary>
    public bool? RestoreCached
    {
        get
        {
            var restores = Steps.Where(s => RestoreStep().IsMatch(s.Name)).ToList();
            return restores.Count == 0 ? null : restores.All(s => s.Cached);
        }
    }

    /// <summary><c>restore layer: cached, 4 of 7 steps cached</c>.</summary>
    public string Summary
    {
        get
        {
            var restore = RestoreCached switch
            {
                true => "restore layer: cached",
                false => "restore layer: rebuilt",
                null => "restore layer: none found",
            };
            return $"{restore}, {CachedCount} of {TotalCount} steps cached";
        }
    }

    /// <summary>True for the name of a counted step: a numbered instruction other than FROM.</summary>
    public static bool IsStep(string name) => NumberedInstruction().Match(name) is { Success: true } m && m.Groups["instruction"].Value != "FROM";

    /// <summary>Steps from vertex names and cached flags, deduplicated by name (a name's step is cached if any report says so).</summary>
    public static BuildSteps From(IEnumerable<(string Name, bool Cached)> vertices) =>
        new(vertices.Where(v => IsStep(v.Name))
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .Select(g => new BuildStep(g.Key, g.Any(v => v.Cached))));

    [GeneratedRegex(@"^\[(?:[^\]]*\s)?\d+/\d+\]\s+(?<instruction>[A-Z]+)\b")]
    private static partial Regex NumberedInstruction();

    [GeneratedRegex(@"^\[[^\]]*\]\s+RUN\b.*(?<!-)\brestore\b", RegexOptions.IgnoreCase)]
    private static partial Regex RestoreStep();
}
