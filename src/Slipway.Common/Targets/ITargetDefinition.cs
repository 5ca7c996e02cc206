using System.Linq.Expressions;

namespace Slipway;

/// <summary>The fluent definition of a target. Every method returns the same definition, so calls chain.</summary>
public interface ITargetDefinition
{
    /// <summary>A one-line description shown by <c>--help</c> and <c>--plan</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>These targets run first, and are pulled into the plan.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Targets of a component run first, and are pulled into the plan.</summary>
    ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>This target runs before the given ones, which depend on it.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>This target runs before the given component targets, which depend on it.</summary>
    ITargetDefinition DependentFor<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>When both are in the plan, this target runs before the given ones (no dependency).</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>When both are in the plan, this target runs before the given component targets.</summary>
    ITargetDefinition Before<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>When both are in the plan, this target runs after the given ones (no dependency).</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>When both are in the plan, this target runs after the given component targets.</summary>
    ITargetDefinition After<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>The given targets join the plan and run after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>The given component targets join the plan and run after this one.</summary>
    ITargetDefinition Triggers<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>This target joins the plan, after any of the given ones that is in it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>This target joins the plan, after any of the given component targets that is in it.</summary>
    ITargetDefinition TriggeredBy<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>Skips the target when a condition is false; evaluated once, when the plan is made (so <c>--plan</c> shows the skip).</summary>
    ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions);

    /// <summary>Skips the target when a condition is false; evaluated just before the target would run.</summary>
    ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions);

    /// <summary>
    /// Values the target needs, as NUKE means it: before any target runs (and before <c>--plan</c> prints), a <c>bool</c> must
    /// be true and any other value neither null, blank nor an empty collection, else the run stops with exit code 2 naming
    /// the parameter and how to set it. Only for targets that will run. Reading the value must be cheap and must not call
    /// a tool: a check of the input goes in <see cref="Validates(Action)"/>.
    /// </summary>
    ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters);

    /// <summary>
    /// A check of the input (a registry that must resolve, a key that must open) run before the first target, once the
    /// plan is known and only when this target will run; <c>--plan</c> and <c>--help</c> do not run it. A check that throws
    /// <see cref="BuildFailedException"/> stops the run with exit code 2 and its message, naming the target.
    /// </summary>
    ITargetDefinition Validates(Action check);

    /// <summary>
    /// Reads <paramref name="value"/> before the first target as <see cref="Validates(Action)"/> runs a check: for a member
    /// whose getter throws <see cref="BuildFailedException"/> on bad input (<c>.Validates(() => PushRepository)</c>).
    /// The value must be synchronous: start asynchronous work with <see cref="Prepares"/>.
    /// </summary>
    ITargetDefinition Validates<T>(Func<T> value);

    /// <summary>When this target fails, the targets that do not depend on it still run.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after an earlier target failed (clean-up, reports).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hides the target from <c>--help</c> and the schema.</summary>
    ITargetDefinition Unlisted();

    /// <summary>
    /// Starts work the target will need (a probe, a download, a login) as soon as the run starts, so it runs while earlier
    /// targets do: <paramref name="start"/> is called once, after the requirements are checked and before the first target
    /// runs, unless the target is skipped before the run; it should start the work and return its task at once. The target
    /// awaits what it started (keep the task in a per-build cache); what the work logs before the target runs appears under
    /// the target's header.
    /// </summary>
    ITargetDefinition Prepares(Func<Task> start);

    /// <summary>The work of the target. Several calls run in order.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Asynchronous work of the target. Several calls run in order.</summary>
    ITargetDefinition Executes(Func<Task> action);
}
