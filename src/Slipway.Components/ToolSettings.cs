using System.Collections.Immutable;
using Slipway.Logging;

namespace Slipway.Components;

/// <summary>
/// The typed settings of one tool call a component makes (<c>docker buildx build</c>, <c>cosign sign</c>, GitVersion…),
/// which a build edits in the component's <c>Configure…</c> hook before the tool runs. Immutable: change a value with
/// <c>with { … }</c> or a fluent method, each of which returns a new value. Unchanged settings render exactly the
/// arguments the component has always run. Two escape hatches reach what has no property:
/// <see cref="AdditionalArguments"/> (appended) and <see cref="ArgumentConfigurator"/> (the last word on the whole list).
/// Secrets (passwords, tokens) never reach the arguments and never appear in <see cref="ToString"/>.
/// </summary>
public abstract record ToolSettings
{
    private protected ToolSettings()
    {
    }

    /// <summary>Raw arguments appended after those the settings render, e.g. a flag newer than this release of Slipway.</summary>
    public ImmutableArray<string> AdditionalArguments { get; init; } = [];

    /// <summary>
    /// Edits the final argument list (rendered settings, then <see cref="AdditionalArguments"/>) just before the tool
    /// runs; null leaves it as it is. Use it to remove or reorder an argument; the component does not check the result.
    /// </summary>
    public Func<ImmutableArray<string>, ImmutableArray<string>>? ArgumentConfigurator { get; init; }

    /// <summary>The arguments the tool is run with: the rendered settings, <see cref="AdditionalArguments"/>, then <see cref="ArgumentConfigurator"/>.</summary>
    public ImmutableArray<string> ToArguments()
    {
        ImmutableArray<string> arguments = [.. RenderArguments(), .. AdditionalArguments];
        return ArgumentConfigurator is { } configure ? configure(arguments) : arguments;
    }

    /// <summary>The arguments, quoted where needed, with every secret of these settings masked.</summary>
    public sealed override string ToString()
    {
        var text = string.Join(' ', ToArguments().Select(a => a.Length > 0 && !a.Any(char.IsWhiteSpace) ? a : $"'{a}'"));
        foreach (var secret in SecretValues().Where(s => !string.IsNullOrEmpty(s)))
            text = text.Replace(secret!, SecretMasker.Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The arguments the typed properties stand for, in the order the component has always run them.</summary>
    private protected abstract IEnumerable<string> RenderArguments();

    /// <summary>Values that must be masked wherever these settings or their tool's command line are shown.</summary>
    private protected virtual IEnumerable<string?> SecretValues() => [];

    /// <summary>The secrets to register with the tool command, so its echo and output mask them.</summary>
    internal IEnumerable<string> MaskedValues() => SecretValues().Where(s => !string.IsNullOrEmpty(s))!;
}

/// <summary>Fluent edits every <see cref="ToolSettings"/> value has; each returns a new value of the same type.</summary>
public static class ToolSettingsExtensions
{
    /// <summary>Appends raw arguments after the rendered ones (<see cref="ToolSettings.AdditionalArguments"/>).</summary>
    public static TSettings AddArguments<TSettings>(this TSettings settings, params IEnumerable<string> arguments)
        where TSettings : ToolSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(arguments);
        return (TSettings)((ToolSettings)settings with { AdditionalArguments = settings.AdditionalArguments.AddRange(arguments) });
    }

    /// <summary>Edits the final argument list; an earlier configurator runs first, this one on its result.</summary>
    public static TSettings ConfigureArguments<TSettings>(this TSettings settings, Func<ImmutableArray<string>, ImmutableArray<string>> configure)
        where TSettings : ToolSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configure);
        var earlier = settings.ArgumentConfigurator;
        return (TSettings)((ToolSettings)settings with { ArgumentConfigurator = earlier is null ? configure : a => configure(earlier(a)) });
    }

    /// <summary>Applies <paramref name="configure"/> only when <paramref name="condition"/> holds, e.g. <c>s.When(IsCi, s => s with { … })</c>.</summary>
    public static TSettings When<TSettings>(this TSettings settings, bool condition, Func<TSettings, TSettings> configure)
        where TSettings : ToolSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configure);
        return condition ? configure(settings) : settings;
    }
}
