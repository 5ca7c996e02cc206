namespace Slipway.CI;

/// <summary>The <c>platform=runner</c> entries of a split CI file (GitHub's runner labels, GitLab's runner tags).</summary>
internal static class CiPlatformRunners
{
    /// <summary>Each entry as (platform, runner), in order; a malformed entry or a platform named twice is a usage error naming the attribute.</summary>
    public static IReadOnlyList<(string Platform, string Runner)> Parse(string attribute, string property, IEnumerable<string> entries, string example)
    {
        var runners = entries.Select(entry => entry.Split('=', 2) is [var platform, var runner] && platform.Trim().Length > 0 && runner.Trim().Length > 0
                ? (Platform: platform.Trim(), Runner: runner.Trim())
                : throw new BuildUsageException($"{attribute} has {property} entry '{entry}': write platform=runner, e.g. \"{example}\"."))
            .ToList();
        var twice = runners.GroupBy(r => r.Platform, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new BuildUsageException($"{attribute} names the platform {twice.Key} twice in {property}.");
        return runners;
    }
}
