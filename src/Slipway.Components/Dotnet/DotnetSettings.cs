using System.Collections.Immutable;

namespace Slipway.Components.Dotnet;

/// <summary>
/// <c>dotnet restore</c> of the solution, edited in <see cref="IRestore.ConfigureRestore(DotnetRestoreSettings)"/>.
/// </summary>
/// <example><c>DotnetRestoreSettings IRestore.ConfigureRestore(DotnetRestoreSettings s) => s with { LockedMode = true };</c></example>
public sealed record DotnetRestoreSettings : ToolSettings
{
    internal DotnetRestoreSettings(string solution) => Solution = solution;

    /// <summary>The solution restored.</summary>
    public string Solution { get; }

    /// <summary>Fails when the lock files would change (<c>--locked-mode</c>).</summary>
    public bool LockedMode { get; init; }

    /// <summary>MSBuild properties (<c>-p:NAME=VALUE</c>), in order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <summary>Sets an MSBuild property (<c>-p:NAME=VALUE</c>).</summary>
    public DotnetRestoreSettings SetProperty(string name, string value) => this with { Properties = DotnetProperties.Add(Properties, name, value) };

    private protected override IEnumerable<string> RenderArguments() =>
        ["restore", Solution, .. LockedMode ? ["--locked-mode"] : Array.Empty<string>(), .. DotnetProperties.Render(Properties)];
}

/// <summary><c>dotnet build</c> of the solution, edited in <see cref="ICompile.ConfigureCompile(DotnetBuildSettings)"/>.</summary>
/// <example><c>DotnetBuildSettings ICompile.ConfigureCompile(DotnetBuildSettings s) => s.SetProperty("ContinuousIntegrationBuild", "true");</c></example>
public sealed record DotnetBuildSettings : ToolSettings
{
    internal DotnetBuildSettings(string solution, string configuration)
    {
        Solution = solution;
        Configuration = configuration;
    }

    /// <summary>The solution built.</summary>
    public string Solution { get; }

    /// <summary>The configuration (<c>--configuration</c>); the build's <c>Configuration</c> by default.</summary>
    public string Configuration { get; init; }

    /// <summary>Builds without restoring again (<c>--no-restore</c>), as Restore ran before; true by default.</summary>
    public bool NoRestore { get; init; } = true;

    /// <summary>MSBuild properties (<c>-p:NAME=VALUE</c>), in order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <summary>Sets an MSBuild property (<c>-p:NAME=VALUE</c>).</summary>
    public DotnetBuildSettings SetProperty(string name, string value) => this with { Properties = DotnetProperties.Add(Properties, name, value) };

    private protected override IEnumerable<string> RenderArguments() =>
        ["build", Solution, "--configuration", Configuration, .. NoRestore ? ["--no-restore"] : Array.Empty<string>(), .. DotnetProperties.Render(Properties)];
}

/// <summary>
/// <c>dotnet test</c> of the solution, edited in <see cref="ITest.ConfigureTest(DotnetTestSettings)"/>. Slipway counts the
/// results from the TRX files its own logger writes into the results directory, so that logger and directory stay.
/// </summary>
/// <example><c>DotnetTestSettings ITest.ConfigureTest(DotnetTestSettings s) => s.AddLogger("console;verbosity=normal");</c></example>
public sealed record DotnetTestSettings : ToolSettings
{
    internal DotnetTestSettings(string solution, string configuration, string resultsDirectory, string trxLogger)
    {
        Solution = solution;
        Configuration = configuration;
        ResultsDirectory = resultsDirectory;
        Loggers = [trxLogger];
    }

    /// <summary>The solution tested.</summary>
    public string Solution { get; }

    /// <summary>The configuration (<c>--configuration</c>); the build's <c>Configuration</c> by default.</summary>
    public string Configuration { get; init; }

    /// <summary>Tests without building again (<c>--no-build</c>), as Compile ran before; true by default.</summary>
    public bool NoBuild { get; init; } = true;

    /// <summary>Where each test project writes its TRX file (<c>--results-directory</c>).</summary>
    public string ResultsDirectory { get; }

    /// <summary>The loggers (<c>--logger</c>): Slipway's TRX logger first, then any added.</summary>
    public ImmutableArray<string> Loggers { get; private init; }

    /// <summary>The test filter (<c>--filter</c>); the build's <c>--test-filter</c> by default, null runs every test.</summary>
    public string? Filter { get; init; }

    /// <summary>MSBuild properties (<c>-p:NAME=VALUE</c>), in order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Properties { get; init; } = [];

    /// <summary>Adds a logger after Slipway's TRX logger, e.g. <c>console;verbosity=normal</c>.</summary>
    public DotnetTestSettings AddLogger(string logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logger);
        return this with { Loggers = Loggers.Add(logger) };
    }

    /// <summary>Sets an MSBuild property (<c>-p:NAME=VALUE</c>).</summary>
    public DotnetTestSettings SetProperty(string name, string value) => this with { Properties = DotnetProperties.Add(Properties, name, value) };

    private protected override IEnumerable<string> RenderArguments()
    {
        yield return "test";
        yield return Solution;
        yield return "--configuration";
        yield return Configuration;
        if (NoBuild) yield return "--no-build";
        yield return "--results-directory";
        yield return ResultsDirectory;
        foreach (var logger in Loggers) { yield return "--logger"; yield return logger; }
        if (!string.IsNullOrWhiteSpace(Filter)) { yield return "--filter"; yield return Filter; }
        foreach (var property in DotnetProperties.Render(Properties)) yield return property;
    }
}

/// <summary>The MSBuild properties of a dotnet command line.</summary>
internal static class DotnetProperties
{
    public static ImmutableArray<KeyValuePair<string, string>> Add(ImmutableArray<KeyValuePair<string, string>> properties, string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        return properties.Add(KeyValuePair.Create(name, value));
    }

    public static IEnumerable<string> Render(ImmutableArray<KeyValuePair<string, string>> properties) =>
        properties.Select(p => $"-p:{p.Key}={p.Value}");
}
