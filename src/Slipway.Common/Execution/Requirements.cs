using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Slipway.Parameters;
using Slipway.Targets;

namespace Slipway.Execution;

/// <summary>
/// What a run checks before its first target, for every target that will run. <see cref="Check"/>: each
/// <c>Requires(() => X)</c> holds (a bool is true; any other value is neither null nor empty), else exit 2 naming the
/// parameter and how to set it; also before <c>--plan</c>. <see cref="Validate"/>: each <c>Validates(...)</c> check passes,
/// else exit 2 with its own message; only before a run, since a check may call a tool.
/// </summary>
internal static class Requirements
{
    public static void Check(ExecutionPlan plan, IReadOnlyList<ParameterDescriptor> descriptors)
    {
        var problems = new List<string>();
        foreach (var target in WillRun(plan))
        {
            foreach (var requirement in target.Definition.Requirements)
            {
                object? value;
                try
                {
                    value = ExpressionValue.Of(requirement);
                }
                catch (TargetInvocationException ex) when (ex.InnerException is BuildFailedException failed)
                {
                    // A member that checks its input belongs in Validates; a component written before Validates existed still gets its message shown.
                    problems.Add($"Target {target.Name}: {failed.Message}");
                    continue;
                }
                if (!IsMissing(value)) continue;
                problems.Add(Describe(target, requirement, value, descriptors));
            }
        }
        if (problems.Count > 0) throw new BuildUsageException(string.Join(Environment.NewLine, problems.Distinct()));
    }

    public static void Validate(ExecutionPlan plan)
    {
        // One check shared by several targets (the image they all work on) fails once, naming every target it stops.
        var problems = new List<(string Target, string Message)>();
        foreach (var target in WillRun(plan))
        {
            foreach (var validation in target.Definition.Validations)
            {
                try
                {
                    validation();
                }
                catch (BuildFailedException failed)
                {
                    problems.Add((target.Name, failed.Message));
                }
            }
        }
        if (problems.Count > 0)
            throw new BuildUsageException(string.Join(Environment.NewLine, problems.GroupBy(p => p.Message, StringComparer.Ordinal)
                .Select(g => g.Select(p => p.Target).Distinct().ToList() is var names && names.Count == 1
                    ? $"Target {names[0]}: {g.Key}"
                    : $"Targets {string.Join(", ", names)}: {g.Key}")));
    }

    /// <summary>NUKE's meaning of a requirement: a bool must be true; anything else must not be null, blank or an empty collection.</summary>
    public static bool IsMissing(object? value) => value switch
    {
        null => true,
        bool b => !b,
        string s => string.IsNullOrWhiteSpace(s),
        ICollection c => c.Count == 0,
        IEnumerable e => !e.GetEnumerator().MoveNext(),
        _ => false,
    };

    private static IEnumerable<BuildTarget> WillRun(ExecutionPlan plan) => plan.Order.Where(t => !plan.Skipped.ContainsKey(t));

    private static string Describe(BuildTarget target, LambdaExpression requirement, object? value, IReadOnlyList<ParameterDescriptor> descriptors)
    {
        var name = ExpressionText.MemberName(requirement);
        var parameter = descriptors.FirstOrDefault(d => d.Member.Name == name || d.Name == name);
        var isFlag = value is bool || Nullable.GetUnderlyingType(requirement.ReturnType) == typeof(bool) || requirement.ReturnType == typeof(bool);
        if (parameter is null)
            return isFlag ? $"Target {target.Name} requires {ExpressionText.Of(requirement)} to be true." : $"Target {target.Name} requires {name}, which has no value.";
        return isFlag
            ? $"Target {target.Name} requires parameter {parameter.Name} to be true: pass {parameter.CliName}, or set {parameter.EnvironmentName}=true, or add \"{parameter.Name}\": true to .nuke/parameters.json."
            : $"Target {target.Name} requires parameter {parameter.Name}: pass {parameter.CliName} <{parameter.TypeDisplay}>, or set {parameter.EnvironmentName}, or add \"{parameter.Name}\" to .nuke/parameters.json.";
    }
}
