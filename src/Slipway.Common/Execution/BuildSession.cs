using System.Collections.Concurrent;
using Slipway.Hosts;
using Slipway.IO;
using Slipway.Logging;
using Slipway.Parameters;

namespace Slipway.Execution;

/// <summary>The state of one run that the build and its components see through <see cref="ISlipwayBuild"/>.</summary>
internal sealed class BuildSession
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _notes = new(StringComparer.Ordinal);

    public required AbsolutePath RootDirectory { get; init; }
    public required Host Host { get; init; }
    public required ParameterSet Parameters { get; init; }
    public required RunContext Context { get; init; }

    /// <summary>Set once the invoked targets are known, before the first target runs.</summary>
    public BuildInvocation? Invocation { get; set; }

    public void ReportSummary(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        _notes.GetOrAdd(TargetContext.Current ?? "", _ => new()).Enqueue(SecretMasker.Apply(note));
    }

    private readonly ConcurrentStack<Action> _cleanups = new();

    public void OnFinished(Action cleanup)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        _cleanups.Push(cleanup);
    }

    /// <summary>Runs the registered cleanups, last first; a failing one is logged and the others still run.</summary>
    public void Finish()
    {
        while (_cleanups.TryPop(out var cleanup))
        {
            try
            {
                cleanup();
            }
            catch (Exception ex)
            {
                Serilog.Log.Warning("A cleanup after the build failed: {Message}", ex.Message);
            }
        }
    }

    public IReadOnlyList<string> NotesOf(string target) =>
        _notes.TryGetValue(target, out var notes) ? [.. notes] : [];
}
