using System.Linq.Expressions;

namespace Slipway.Targets;

/// <summary>A reference to another target, resolved against the build instance once all targets are known.</summary>
internal delegate Target TargetReference(object build);

/// <summary>What a <see cref="Target"/> delegate configured: relations, conditions and actions.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<TargetReference> Dependencies { get; } = [];
    public List<TargetReference> DependentFors { get; } = [];
    public List<TargetReference> Befores { get; } = [];
    public List<TargetReference> Afters { get; } = [];
    public List<TargetReference> TriggersList { get; } = [];
    public List<TargetReference> TriggeredBys { get; } = [];
    public List<Expression<Func<bool>>> StaticConditions { get; } = [];
    public List<Expression<Func<bool>>> DynamicConditions { get; } = [];
    public List<LambdaExpression> Requirements { get; } = [];
    public List<Action> Validations { get; } = [];
    public List<Func<Task>> Actions { get; } = [];
    public List<Func<Task>> Preparations { get; } = [];
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }

    public ITargetDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(Dependencies, targets);
    public ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets) => Add(Dependencies, targets);
    public ITargetDefinition DependentFor(params Target[] targets) => Add(DependentFors, targets);
    public ITargetDefinition DependentFor<TComponent>(params Func<TComponent, Target>[] targets) => Add(DependentFors, targets);
    public ITargetDefinition Before(params Target[] targets) => Add(Befores, targets);
    public ITargetDefinition Before<TComponent>(params Func<TComponent, Target>[] targets) => Add(Befores, targets);
    public ITargetDefinition After(params Target[] targets) => Add(Afters, targets);
    public ITargetDefinition After<TComponent>(params Func<TComponent, Target>[] targets) => Add(Afters, targets);
    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersList, targets);
    public ITargetDefinition Triggers<TComponent>(params Func<TComponent, Target>[] targets) => Add(TriggersList, targets);
    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredBys, targets);
    public ITargetDefinition TriggeredBy<TComponent>(params Func<TComponent, Target>[] targets) => Add(TriggeredBys, targets);

    public ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions)
    {
        StaticConditions.AddRange(conditions);
        return this;
    }

    public ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions)
    {
        DynamicConditions.AddRange(conditions);
        return this;
    }

    public ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters)
    {
        Requirements.AddRange(parameters);
        return this;
    }

    public ITargetDefinition Validates(Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Validations.Add(check);
        return this;
    }

    public ITargetDefinition Validates<T>(Func<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (typeof(Task).IsAssignableFrom(typeof(T)) || typeof(T) == typeof(ValueTask) || (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(ValueTask<>)))
            throw new TargetDefinitionException("Validates takes a synchronous check, but this one returns a task, which nothing would await. Start the work with Prepares and check its result in the target.");
        Validations.Add(() => value());
        return this;
    }

    public ITargetDefinition ProceedAfterFailure()
    {
        IsProceedAfterFailure = true;
        return this;
    }

    public ITargetDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    public ITargetDefinition Unlisted()
    {
        IsUnlisted = true;
        return this;
    }

    public ITargetDefinition Prepares(Func<Task> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Preparations.Add(start);
        return this;
    }

    public ITargetDefinition Executes(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(() =>
        {
            action();
            return Task.CompletedTask;
        });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(action);
        return this;
    }

    private TargetDefinition Add(List<TargetReference> list, Target[] targets)
    {
        foreach (var target in targets)
        {
            ArgumentNullException.ThrowIfNull(target);
            list.Add(_ => target);
        }
        return this;
    }

    private TargetDefinition Add<TComponent>(List<TargetReference> list, Func<TComponent, Target>[] targets)
    {
        foreach (var select in targets)
        {
            ArgumentNullException.ThrowIfNull(select);
            list.Add(build => build is TComponent component
                ? select(component)
                : throw new TargetDefinitionException(
                    $"{build.GetType().Name} does not implement {typeof(TComponent).Name}, but a target refers to one of its targets. " +
                    $"Add {typeof(TComponent).Name} to the build class's interfaces."));
        }
        return this;
    }
}
