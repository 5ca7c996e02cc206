using Serilog.Events;
using Slipway.Hosts;

namespace Slipway.Common.Tests.Support;

/// <summary>
/// A run of its own for a test that uses the tool runner or the log without the engine: the test's flow logs into it, its
/// secrets and tool clock are its own, and it ends (the flow's previous run back) when disposed. Tests using it run in
/// parallel with each other and with engine runs.
/// </summary>
internal sealed class TestRun : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly RunContext.Scope _scope;

    public TestRun(CancellationToken cancellation = default)
    {
        Context = new RunContext(new TerminalHost(new Dictionary<string, string>(), outputRedirected: true), _output, LogEventLevel.Verbose, cancellation);
        _scope = Context.Enter();
    }

    public RunContext Context { get; }

    /// <summary>The messages logged so far, one per line, without the level prefix (<c>INF </c>).</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_output) return [.. _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Select(l => l.Length > 4 && l[3] == ' ' ? l[4..] : l)];
        }
    }

    public void Dispose()
    {
        _scope.Dispose();
        Context.End();
    }
}
