using System.Reflection;

namespace Slipway.Targets;

/// <summary>
/// Finds the targets of a build: <see cref="Target"/> properties of the class (base classes first) and of every
/// component interface it implements, in declaration order, then resolves their relations.
/// </summary>
internal static class TargetDiscovery
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<BuildTarget> Discover(object build)
    {
        var type = build.GetType();
        var byName = new Dictionary<string, BuildTarget>(StringComparer.OrdinalIgnoreCase);
        var byIdentity = new Dictionary<MethodInfo, BuildTarget>();
        var targets = new List<BuildTarget>();

        foreach (var (property, declaredIn) in Members(type))
        {
            var target = (Target?)property.GetValue(build)
                ?? throw new TargetDefinitionException($"Target '{property.Name}' ({declaredIn}) returned null.");
            if (byIdentity.TryGetValue(target.Method, out var same))
            {
                if (string.Equals(same.Name, property.Name, StringComparison.Ordinal)) continue; // an interface member implemented by the class
                throw new TargetDefinitionException(
                    $"Targets '{same.Name}' ({same.DeclaredIn}) and '{property.Name}' ({declaredIn}) are the same definition. Give each target its own lambda.");
            }
            if (byName.TryGetValue(property.Name, out var clash))
            {
                throw new TargetDefinitionException(
                    $"Target '{property.Name}' is declared twice: in {clash.DeclaredIn} and in {declaredIn}. " +
                    $"Rename one, or implement the component's target explicitly (Target {declaredIn}.{property.Name} => ...) to replace it.");
            }

            var definition = new TargetDefinition();
            target(definition);
            var buildTarget = new BuildTarget(property.Name, targets.Count, declaredIn, definition, target.Method);
            targets.Add(buildTarget);
            byName[property.Name] = buildTarget;
            byIdentity[target.Method] = buildTarget;
        }

        foreach (var target in targets) Resolve(build, target, byIdentity);
        return targets;
    }

    private static IEnumerable<(PropertyInfo Property, string DeclaredIn)> Members(Type type)
    {
        var chain = new List<Type>();
        // The base classes of the build down to the engine's own (SlipwayBuild), which declares no targets.
        for (var t = type; t is not null && t != typeof(object) && t.Assembly != typeof(TargetDiscovery).Assembly; t = t.BaseType) chain.Insert(0, t);
        foreach (var t in chain)
        {
            foreach (var p in t.GetProperties(InstanceMembers).OrderBy(p => p.MetadataToken))
            {
                // Explicit interface implementations ("ICompile.Compile") are reached through the interface.
                if (p.PropertyType == typeof(Target) && !p.Name.Contains('.', StringComparison.Ordinal) && p.GetIndexParameters().Length == 0)
                    yield return (p, t.Name);
            }
        }
        foreach (var i in type.GetInterfaces())
        {
            foreach (var p in i.GetProperties(InstanceMembers).OrderBy(p => p.MetadataToken))
            {
                if (p.PropertyType == typeof(Target)) yield return (p, i.Name);
            }
        }
    }

    private static void Resolve(object build, BuildTarget target, Dictionary<MethodInfo, BuildTarget> byIdentity)
    {
        BuildTarget Find(TargetReference reference)
        {
            var referenced = reference(build);
            return byIdentity.TryGetValue(referenced.Method, out var found)
                ? found
                : throw new TargetDefinitionException(
                    $"Target '{target.Name}' refers to a target that is not a member of the build or of its components. " +
                    "Refer to targets through their properties (DependsOn(Compile)), not through new lambdas.");
        }

        var d = target.Definition;
        foreach (var r in d.Dependencies) AddOnce(target.Dependencies, Find(r));
        foreach (var r in d.DependentFors) AddOnce(Find(r).Dependencies, target);
        foreach (var r in d.Befores) AddOnce(target.Befores, Find(r));
        foreach (var r in d.Afters) AddOnce(target.Afters, Find(r));
        foreach (var r in d.TriggersList) AddOnce(target.Triggers, Find(r));
        foreach (var r in d.TriggeredBys) AddOnce(Find(r).Triggers, target);
    }

    private static void AddOnce(List<BuildTarget> list, BuildTarget item)
    {
        if (!list.Contains(item)) list.Add(item);
    }
}
