using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Serilog;
using Serilog.Events;
using Slipway.Hosts;
using Slipway.Logging;
using Slipway.Processes;
using Slipway.RunState;

namespace Slipway;

/// <summary>
/// The state of one run of the engine: its log, its secrets, its cancellation, its tool clock and the values computed
/// once per run. The engine creates it when a run starts and ends it when the run ends; two runs in one process share
/// nothing. Code running for the run (targets, preparations, tools, and every task they start) finds it on its async
/// flow (<see cref="CurrentRun"/>), which is how <see cref="Log"/>, <see cref="SecretMasker"/> and <see cref="BuildCancellation"/> reach it.
/// </summary>
public sealed class RunContext : IRunState
{
    private readonly CancellationTokenSource _cancellation;
    private readonly ConcurrentDictionary<object, Lazy<object>> _values = new(ReferenceEqualityComparer.Instance);
    private readonly List<IDisposable> _signals = [];
    private readonly Lock _gate = new();
    private readonly Host _host;
    private ImmutableArray<string> _secrets = [];
    private volatile bool _hostMasks;

    internal RunContext(Host host, TextWriter output, LogEventLevel minimumLevel, CancellationToken cancellation = default)
    {
        _host = host;
        Sink = new ConsoleSink(host, output, this);
        MinimumLevel = minimumLevel;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
    }

    /// <summary>Cancelled when the run is cancelled (Ctrl-C or SIGTERM for a build started from <c>Main</c>).</summary>
    public CancellationToken Cancellation => _cancellation.Token;

    /// <summary>
    /// The value stored under <paramref name="key"/> in this run, created by <paramref name="create"/> on the first call
    /// (once, however many callers ask at the same time). A value that needs async work is a <see cref="Task{TResult}"/>,
    /// started on the first call and awaited by every caller. The values end with the run.
    /// </summary>
    /// <example><c>Task&lt;string&gt; Digest => Context.Once(DigestKey, () => ReadDigestAsync());</c> with <c>static readonly object DigestKey = new();</c></example>
    public T Once<T>(object key, Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        var value = _values.GetOrAdd(key, _ => new Lazy<object>(() => create(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return value as T ?? throw new InvalidOperationException(
            $"The run's value under this key is a {value.GetType().Name}, not a {typeof(T).Name}: use one key per value.");
    }

    internal ConsoleSink Sink { get; }

    internal LogEventLevel MinimumLevel { get; }

    internal ToolClock Clock { get; } = new();

    internal ImmutableArray<string> Secrets => _secrets;

    /// <summary>Makes this the run of the calling flow until the returned scope is disposed (which puts the previous one back).</summary>
    internal Scope Enter()
    {
        // Serilog's static logger is one immutable router for every run: it sends each event to the run of the flow that logged it.
        if (!ReferenceEquals(Log.Logger, BuildLog.Router)) Log.Logger = BuildLog.Router;
        return new Scope(CurrentRun.Enter(this));
    }

    /// <summary>Writes an event at or above the run's level, held back while a preparation's log is deferred.</summary>
    void IRunState.Emit(LogEvent logEvent)
    {
        if (logEvent.Level < MinimumLevel) return;
        if (DeferredLog.Current?.TryDefer(logEvent) == true) return;
        Sink.Write(logEvent);
    }

    void IRunState.WriteRaw(string line) => Sink.WriteRaw(line);

    IDisposable IRunState.StartTool(string tool) => Clock.Start(tool);

    void IRunState.AddSecret(string secret)
    {
        var added = false;
        ImmutableInterlocked.Update(ref _secrets, list =>
        {
            added = !list.Contains(secret);
            return added ? list.Add(secret).Sort((a, b) => b.Length.CompareTo(a.Length)) : list;
        });
        if (added && _hostMasks) WriteHostMask(secret);
    }

    string IRunState.Mask(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, SecretMasker.Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Registers the secrets known so far, and every later one, with the host's own masking (GitHub's <c>::add-mask::</c>).</summary>
    internal void RegisterHostMasks()
    {
        _hostMasks = true;
        foreach (var secret in _secrets) WriteHostMask(secret);
    }

    private void WriteHostMask(string secret)
    {
        if (_host.MaskCommand(secret) is { } command) Sink.WriteRaw(command, mask: false);
    }

    /// <summary>Cancels the run on Ctrl-C and SIGTERM until it ends (a build started from <c>Main</c>).</summary>
    internal void CancelOnConsoleSignals()
    {
        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true; // let the engine finish: kill children, print the summary, exit non-zero
            Cancel();
        }
        Console.CancelKeyPress += OnCancelKey;
        lock (_gate)
        {
            _signals.Add(new Unhook(() => Console.CancelKeyPress -= OnCancelKey));
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                Cancel();
            }));
        }
    }

    internal void Cancel() => _cancellation.Cancel();

    /// <summary>
    /// Ends the run: its signal handlers are removed and its values dropped. The secrets stay, so work that outlives the run
    /// (a task nobody awaited) still logs them masked; the token stays readable for the same reason.
    /// </summary>
    internal void End()
    {
        lock (_gate)
        {
            foreach (var signal in _signals) signal.Dispose();
            _signals.Clear();
        }
        _values.Clear();
    }

    /// <summary>The time a flow spends in a run; disposing it puts the flow's previous run back.</summary>
    internal readonly struct Scope(CurrentRun.Scope flow) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => flow.Dispose();
    }

    private sealed class Unhook(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
