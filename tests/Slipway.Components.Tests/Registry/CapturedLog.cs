using Serilog.Events;
using Slipway.Hosts;

namespace Slipway.Components.Tests.Registry;

/// <summary>The registry integration tests run one at a time: they share the local registry's repositories and daemon.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RegistryIntegrationCollection
{
    public const string Name = "Registry integration";
}

/// <summary>
/// A run of the test's own (<see cref="RunContext"/>) whose log lines it keeps, as <c>[Level] text</c>: the test's flow
/// logs into it and registers its secrets there, and no other test, nor an engine run beside it, writes into it.
/// </summary>
internal sealed class CapturedLog : IDisposable
{
    private static readonly Dictionary<string, string> s_levels = new(StringComparer.Ordinal)
    {
        ["VRB"] = nameof(LogEventLevel.Verbose),
        ["DBG"] = nameof(LogEventLevel.Debug),
        ["INF"] = nameof(LogEventLevel.Information),
        ["WRN"] = nameof(LogEventLevel.Warning),
        ["ERR"] = nameof(LogEventLevel.Error),
        ["FTL"] = nameof(LogEventLevel.Fatal),
    };

    private readonly StringWriter _output = new();
    private readonly RunContext _run;
    private readonly RunContext.Scope _scope;

    public CapturedLog()
    {
        _run = new RunContext(Host.Detect(new Dictionary<string, string>(), true), _output, LogEventLevel.Verbose);
        _scope = _run.Enter();
    }

    public string Text
    {
        get
        {
            string text;
            lock (_output) text = _output.ToString();
            return string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))
                .Select(l => l.Length > 4 && l[3] == ' ' && s_levels.TryGetValue(l[..3], out var level) ? $"[{level}] {l[4..]}" : l));
        }
    }

    public void Dispose()
    {
        _scope.Dispose();
        _run.End();
    }
}
