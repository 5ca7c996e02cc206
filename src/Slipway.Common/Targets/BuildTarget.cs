using System.Reflection;

namespace Slipway.Targets;

/// <summary>One discovered target: its name, where it was declared, and its resolved relations.</summary>
internal sealed class BuildTarget(string name, int index, string declaredIn, TargetDefinition definition, MethodInfo identity)
{
    public string Name { get; } = name;

    /// <summary>Declaration order; breaks ties in the plan.</summary>
    public int Index { get; } = index;

    /// <summary>The class or interface that declares the member, for error messages.</summary>
    public string DeclaredIn { get; } = declaredIn;

    public TargetDefinition Definition { get; } = definition;

    /// <summary>The method of the target's lambda: the same for every read of the member.</summary>
    public MethodInfo Identity { get; } = identity;

    public List<BuildTarget> Dependencies { get; } = [];
    public List<BuildTarget> Befores { get; } = [];
    public List<BuildTarget> Afters { get; } = [];
    public List<BuildTarget> Triggers { get; } = [];

    public bool IsDefault { get; set; }

    public override string ToString() => Name;
}
