namespace Slipway.Components.Dockerfiles;

/// <summary>The BuildKit cache mounts of a <c>RUN</c>: <c>--mount=type=cache,target=/path</c>.</summary>
internal static class CacheMounts
{
    /// <summary>
    /// The targets of the instruction's <c>--mount</c> flags whose type is <c>cache</c> (<c>target</c>, <c>dst</c> or
    /// <c>destination</c>), without a trailing slash; with <paramref name="alsoType"/>, mounts of that type too (e.g. <c>tmpfs</c>).
    /// </summary>
    public static IReadOnlyList<string> Targets(DockerfileInstruction run, string? alsoType = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var targets = new List<string>();
        foreach (var flag in run.Flags.Where(f => string.Equals(f.Name, "mount", StringComparison.OrdinalIgnoreCase) && f.Value is not null))
        {
            var options = flag.Value!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(o => o.Split('=', 2))
                .ToLookup(kv => kv[0].ToLowerInvariant(), kv => kv.Length > 1 ? kv[1] : "");
            if (!options["type"].Any(t => string.Equals(t, "cache", StringComparison.OrdinalIgnoreCase) ||
                                          (alsoType is not null && string.Equals(t, alsoType, StringComparison.OrdinalIgnoreCase)))) continue;
            var target = options["target"].Concat(options["dst"]).Concat(options["destination"]).FirstOrDefault();
            if (!string.IsNullOrEmpty(target)) targets.Add(target.Length > 1 ? target.TrimEnd('/') : target);
        }
        return targets;
    }

    /// <summary>True when a cache mount covers <paramref name="path"/>: it is mounted on the path or on a folder that holds it.</summary>
    public static bool Cover(DockerfileInstruction run, string path, string? alsoType = null) =>
        Targets(run, alsoType).Any(t => path == t || path.StartsWith(t == "/" ? t : t + "/", StringComparison.Ordinal));
}
