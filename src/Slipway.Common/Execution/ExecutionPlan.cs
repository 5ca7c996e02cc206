using Slipway.Targets;

namespace Slipway.Execution;

/// <summary>The targets that will run, in order, with the ones skipped before the run and why.</summary>
internal sealed class ExecutionPlan(IReadOnlyList<BuildTarget> order, IReadOnlyList<BuildTarget> invoked, IReadOnlyDictionary<BuildTarget, string> skipped, IReadOnlyDictionary<BuildTarget, List<BuildTarget>> predecessors)
{
    public IReadOnlyList<BuildTarget> Order { get; } = order;
    public IReadOnlyList<BuildTarget> Invoked { get; } = invoked;

    /// <summary>Targets skipped by <c>--skip</c> or a static condition, with the reason.</summary>
    public IReadOnlyDictionary<BuildTarget, string> Skipped { get; } = skipped;

    /// <summary>The targets that must finish before <paramref name="target"/> starts (dependencies, ordering and triggers within the plan).</summary>
    public IReadOnlyList<BuildTarget> Predecessors(BuildTarget target) => predecessors[target];
}
