using Slipway.Targets;

namespace Slipway.Execution;

/// <summary>
/// Turns invoked targets into an ordered plan: pulls in dependencies and triggered targets, orders them
/// topologically with declaration order breaking ties, and names any cycle.
/// </summary>
internal static class Planner
{
    public static ExecutionPlan Plan(IReadOnlyList<BuildTarget> all, IReadOnlyList<BuildTarget> invoked, SkipRequest skip)
    {
        var inPlan = new HashSet<BuildTarget>();
        var pending = new Stack<BuildTarget>(invoked.Reverse());
        while (pending.Count > 0)
        {
            var t = pending.Pop();
            if (!inPlan.Add(t)) continue;
            foreach (var next in t.Dependencies.Concat(t.Triggers)) pending.Push(next);
        }

        var members = all.Where(inPlan.Contains).ToList();
        var predecessors = PredecessorMap(members, inPlan);
        var order = Sort(members, predecessors);
        var skipped = new Dictionary<BuildTarget, string>();
        foreach (var t in order)
        {
            if (skip.SkipAllButInvoked && !invoked.Contains(t)) skipped[t] = "--skip";
            else if (skip.Names.Contains(t.Name, StringComparer.OrdinalIgnoreCase)) skipped[t] = "--skip " + t.Name;
        }
        return new ExecutionPlan(order, invoked, skipped, predecessors);
    }

    /// <summary>
    /// Marks the targets whose static condition is false as skipped, so <c>--plan</c> shows them and their requirements and
    /// validations are not asked for. Each condition is evaluated once, here, before anything runs.
    /// </summary>
    public static ExecutionPlan SkipByStaticConditions(ExecutionPlan plan)
    {
        var skipped = new Dictionary<BuildTarget, string>(plan.Skipped);
        foreach (var t in plan.Order.Where(t => !skipped.ContainsKey(t) && t.Definition.StaticConditions.Count > 0))
        {
            try
            {
                if (Executor.FirstFalse(t.Definition.StaticConditions) is { } condition) skipped[t] = "condition false: " + condition;
            }
            catch (BuildFailedException failed)
            {
                throw new BuildUsageException($"Target {t.Name}: {failed.Message}");
            }
        }
        return new ExecutionPlan(plan.Order, plan.Invoked, skipped, plan.Order.ToDictionary(t => t, t => plan.Predecessors(t).ToList()));
    }

    /// <summary>For each target, what must finish first: dependencies, After/Before partners and triggering targets in the plan.</summary>
    private static Dictionary<BuildTarget, List<BuildTarget>> PredecessorMap(List<BuildTarget> members, HashSet<BuildTarget> inPlan)
    {
        var map = members.ToDictionary(t => t, t => new List<BuildTarget>());
        void Edge(BuildTarget first, BuildTarget then)
        {
            if (inPlan.Contains(first) && inPlan.Contains(then) && !map[then].Contains(first)) map[then].Add(first);
        }
        foreach (var t in members)
        {
            foreach (var d in t.Dependencies) Edge(d, t);
            foreach (var a in t.Afters) Edge(a, t);
            foreach (var b in t.Befores) Edge(t, b);
            foreach (var x in t.Triggers) Edge(t, x);
        }
        return map;
    }

    private static List<BuildTarget> Sort(List<BuildTarget> targets, Dictionary<BuildTarget, List<BuildTarget>> predecessors)
    {
        var remaining = predecessors.ToDictionary(p => p.Key, p => p.Value.Count);
        var successors = targets.ToDictionary(t => t, _ => new List<BuildTarget>());
        foreach (var (t, preds) in predecessors)
            foreach (var p in preds) successors[p].Add(t);

        var ready = new PriorityQueue<BuildTarget, int>();
        foreach (var t in targets.Where(t => remaining[t] == 0)) ready.Enqueue(t, t.Index);
        var order = new List<BuildTarget>(targets.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var s in successors[next])
                if (--remaining[s] == 0) ready.Enqueue(s, s.Index);
        }

        if (order.Count < targets.Count)
        {
            var cycle = FindCycle(targets.Where(t => remaining[t] > 0).ToList(), predecessors);
            throw new TargetDefinitionException($"The targets form a cycle: {string.Join(" → ", cycle)}. Remove one of these relations.");
        }
        return order;
    }

    // Walks predecessor edges among the unsorted targets until a target repeats.
    private static List<string> FindCycle(List<BuildTarget> stuck, Dictionary<BuildTarget, List<BuildTarget>> predecessors)
    {
        var path = new List<BuildTarget>();
        var current = stuck.OrderBy(t => t.Index).First();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = predecessors[current].Where(stuck.Contains).OrderBy(t => t.Index).First();
        }
        var cycle = path.Skip(path.IndexOf(current)).Reverse().Select(t => t.Name).ToList();
        cycle.Add(cycle[0]);
        return cycle;
    }
}

/// <summary>What <c>--skip</c> asked for: bare (everything not invoked) or a list of names.</summary>
internal sealed record SkipRequest(bool SkipAllButInvoked, IReadOnlyList<string> Names)
{
    public static SkipRequest None { get; } = new(false, []);
}
