using System.Text;
using Slipway.Targets;

namespace Slipway.Execution;

/// <summary><c>--plan</c>: the ordered targets, what is skipped and why, each target's edges, and the build's overview sections.</summary>
internal static class PlanText
{
    public static string Render(ExecutionPlan plan, object build)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Plan for {string.Join(", ", plan.Invoked.Select(t => t.Name))}: {plan.Order.Count} target(s), nothing runs.");
        var number = 0;
        foreach (var t in plan.Order)
        {
            var marks = new List<string>();
            if (plan.Invoked.Contains(t)) marks.Add("invoked");
            if (plan.Skipped.TryGetValue(t, out var reason)) marks.Add("skipped: " + reason);
            if (!plan.Skipped.ContainsKey(t) && (t.Definition.StaticConditions.Count > 0 || t.Definition.DynamicConditions.Count > 0)) marks.Add("conditional");
            if (t.Definition.Requirements.Count > 0) marks.Add("requires " + string.Join(", ", t.Definition.Requirements.Select(ExpressionText.MemberName)));
            if (t.Definition.IsAssuredAfterFailure) marks.Add("assured after failure");
            if (t.Definition.IsProceedAfterFailure) marks.Add("proceeds after failure");
            sb.AppendLine($"  {++number,3}. {t.Name}{(marks.Count > 0 ? $"  [{string.Join("; ", marks)}]" : "")}");
        }

        sb.AppendLine();
        sb.AppendLine("Graph (each target ← what runs before it):");
        foreach (var t in plan.Order)
        {
            var edges = new List<string>();
            if (t.Dependencies.Count > 0) edges.Add("depends on " + Names(t.Dependencies));
            var ordered = plan.Predecessors(t).Except(t.Dependencies).ToList();
            var triggeredBy = plan.Order.Where(o => o.Triggers.Contains(t)).ToList();
            if (triggeredBy.Count > 0) edges.Add("triggered by " + Names(triggeredBy));
            var after = ordered.Except(triggeredBy).ToList();
            if (after.Count > 0) edges.Add("after " + Names(after));
            sb.AppendLine($"  {t.Name}{(edges.Count > 0 ? " ← " + string.Join("; ", edges) : "")}");
        }
        sb.Append(Overviews.Render(build));
        return sb.ToString();
    }

    private static string Names(IEnumerable<BuildTarget> targets) => string.Join(", ", targets.Select(t => t.Name));
}
