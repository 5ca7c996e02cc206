namespace Slipway.RunState;

/// <summary>
/// The run whose code is running on this async flow (targets, preparations, tools and every task they start), or null
/// outside a run. The engine enters a run for its length; a flow's previous run comes back when the scope ends.
/// </summary>
internal static class CurrentRun
{
    private static readonly AsyncLocal<IRunState?> s_current = new();

    /// <summary>The run of the calling flow, or null outside a run.</summary>
    public static IRunState? Value => s_current.Value;

    /// <summary>Makes <paramref name="run"/> the run of the calling flow until the returned scope is disposed.</summary>
    public static Scope Enter(IRunState run)
    {
        var previous = s_current.Value;
        s_current.Value = run;
        return new Scope(previous);
    }

    /// <summary>The time a flow spends in a run; disposing it puts the flow's previous run back.</summary>
    internal readonly struct Scope(IRunState? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => s_current.Value = previous;
    }
}
