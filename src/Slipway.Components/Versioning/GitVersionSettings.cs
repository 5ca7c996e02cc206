using System.Collections.Immutable;

namespace Slipway.Components.Versioning;

/// <summary>
/// GitVersion's command line (after the tool itself, <c>dotnet-gitversion</c> or <c>dotnet &lt;dll&gt;</c>), edited in
/// <see cref="IVersioning.ConfigureGitVersion(GitVersionSettings)"/>. Slipway reads its JSON output, so
/// <c>/output json</c> stays. Changed settings change the cache key: a cached version is never reused for other settings.
/// </summary>
/// <example><c>GitVersionSettings IVersioning.ConfigureGitVersion(GitVersionSettings s) => s with { ConfigFile = "build/GitVersion.yml" };</c></example>
public sealed record GitVersionSettings : ToolSettings
{
    internal GitVersionSettings()
    {
    }

    /// <summary>Keeps GitVersion from fetching from the remote (<c>/nofetch</c>); true by default, as CI checkouts are fetched already.</summary>
    public bool NoFetch { get; init; } = true;

    /// <summary>The configuration file (<c>/config</c>), relative to the repository; null for GitVersion's own search (<c>GitVersion.yml</c>).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Configuration values set on the command line (<c>/overrideconfig KEY=VALUE</c>), in order, e.g. <c>tag-prefix=release-</c>.</summary>
    public ImmutableArray<KeyValuePair<string, string>> OverrideConfig { get; init; } = [];

    /// <summary>Sets one configuration value on the command line (<c>/overrideconfig KEY=VALUE</c>).</summary>
    public GitVersionSettings AddOverrideConfig(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return this with { OverrideConfig = OverrideConfig.Add(KeyValuePair.Create(key, value)) };
    }

    private protected override IEnumerable<string> RenderArguments()
    {
        yield return "/output";
        yield return "json";
        if (NoFetch) yield return "/nofetch";
        if (ConfigFile is not null) { yield return "/config"; yield return ConfigFile; }
        foreach (var (key, value) in OverrideConfig) { yield return "/overrideconfig"; yield return $"{key}={value}"; }
    }
}
