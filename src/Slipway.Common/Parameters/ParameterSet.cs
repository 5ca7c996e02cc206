using System.Linq.Expressions;
using System.Reflection;
using Slipway.IO;
using Slipway.Logging;

namespace Slipway.Parameters;

/// <summary>
/// The build's parameters, bound once: every value is read from its sources and converted before any target runs,
/// so a wrong value fails fast. Build-class members are assigned; component properties read their value through
/// <see cref="GetValue{T}"/>.
/// </summary>
internal sealed class ParameterSet
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private readonly Dictionary<string, (ParameterDescriptor Parameter, object? Value, string Source)> _values = new(StringComparer.Ordinal);

    private ParameterSet(IReadOnlyList<ParameterDescriptor> parameters) => Parameters = parameters;

    public IReadOnlyList<ParameterDescriptor> Parameters { get; }

    /// <summary>Finds the parameters of a build type: its own fields and properties, then its components' properties.</summary>
    public static IReadOnlyList<ParameterDescriptor> Discover(Type buildType)
    {
        var members = new List<MemberInfo>();
        var chain = new List<Type>();
        for (var t = buildType; t is not null && t != typeof(object); t = t.BaseType) chain.Insert(0, t);
        foreach (var t in chain)
            members.AddRange(t.GetMembers(InstanceMembers | BindingFlags.DeclaredOnly).Where(m => m is FieldInfo or PropertyInfo).OrderBy(m => m.MetadataToken));
        foreach (var i in buildType.GetInterfaces())
            members.AddRange(i.GetProperties(InstanceMembers | BindingFlags.DeclaredOnly).OrderBy(m => m.MetadataToken));

        var result = new List<ParameterDescriptor>();
        foreach (var member in members)
        {
            if (member.GetCustomAttribute<ParameterAttribute>() is not { } attribute) continue;
            var descriptor = new ParameterDescriptor(member, attribute, member.GetCustomAttribute<SecretAttribute>() is not null);
            if (!ValueConverter.IsSupported(descriptor.Type))
                throw new ParameterValueException($"Parameter {descriptor.Name} ({member.DeclaringType!.Name}) has type {descriptor.Type.Name}; use string, bool, int, long, double, TimeSpan, an enum, AbsolutePath, a class of these (a JSON object), an array or a nullable of these.");
            var existing = result.FirstOrDefault(p => ParameterDescriptor.Normalize(p.Name) == ParameterDescriptor.Normalize(descriptor.Name));
            if (existing is null) result.Add(descriptor);
            else if (existing.Type != descriptor.Type)
                throw new ParameterValueException($"Parameter {descriptor.Name} is declared twice with different types: {existing.Member.DeclaringType!.Name} ({existing.TypeDisplay}) and {member.DeclaringType!.Name} ({descriptor.TypeDisplay}). Rename one.");
        }
        return result;
    }

    /// <summary>Reads and converts every parameter; throws <see cref="ParameterValueException"/> naming the parameter, value and source.</summary>
    public static ParameterSet Bind(IReadOnlyList<ParameterDescriptor> parameters, ParameterSources sources, AbsolutePath root)
    {
        var set = new ParameterSet(parameters);
        foreach (var parameter in parameters)
        {
            if (sources.Find(parameter) is not { } raw) continue;
            object? value;
            try
            {
                value = ValueConverter.Convert(parameter.Type, raw.Values, root);
            }
            catch (ParameterValueException ex)
            {
                throw new ParameterValueException($"Parameter {parameter.CliName} ({raw.Source}): {ex.Message}.");
            }
            if (parameter.IsSecret)
                foreach (var v in raw.Values) SecretMasker.Register(v);
            set._values[parameter.Name] = (parameter, value, raw.Source);
        }
        return set;
    }

    /// <summary>Assigns bound values to the build's own fields and properties.</summary>
    public void Inject(object build)
    {
        foreach (var (parameter, value, _) in _values.Values)
        {
            if (!parameter.IsInjectable) continue;
            switch (parameter.Member)
            {
                case FieldInfo field: field.SetValue(build, value); break;
                case PropertyInfo property: property.SetValue(build, value); break;
            }
        }
    }

    /// <summary>The given values as text (lists joined with spaces), by parameter name; secret parameters are left out.</summary>
    public IReadOnlyDictionary<string, string> GivenValues(bool secrets = false) => _values.Values
        .Where(v => v.Parameter.IsSecret == secrets)
        .ToDictionary(v => v.Parameter.Name, v => ValueText(v.Value), StringComparer.Ordinal);

    private static string ValueText(object? value) => value switch
    {
        null => "",
        string s => s,
        System.Collections.IEnumerable list => string.Join(' ', list.Cast<object?>().Select(ValueText)),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Where the value came from (<c>command line</c>, <c>env X</c>, a parameters file), or null for the default.</summary>
    public string? SourceOf(ParameterDescriptor parameter) => _values.TryGetValue(parameter.Name, out var v) ? v.Source : null;

    public T? GetValue<T>(Expression<Func<T>> parameter)
    {
        var body = parameter.Body is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : parameter.Body;
        if (body is not MemberExpression { Member: var member })
            throw new ArgumentException("Pass the parameter as a member access: TryGetValue(() => Registry).", nameof(parameter));
        var name = member.GetCustomAttribute<ParameterAttribute>()?.Name ?? member.Name;
        if (!_values.TryGetValue(name, out var entry) || entry.Value is null) return default;
        var underlying = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return entry.Value is T typed ? typed : (T)Convert.ChangeType(entry.Value, underlying, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The current value of a parameter on the build, as help shows it (secrets masked).</summary>
    public static string Display(ParameterDescriptor parameter, object build)
    {
        object? value;
        try
        {
            value = parameter.Member switch
            {
                FieldInfo f => f.GetValue(build),
                PropertyInfo p => p.GetValue(build),
                _ => null,
            };
        }
        catch (TargetInvocationException ex)
        {
            return $"(error: {ex.InnerException?.Message})";
        }
        if (value is null) return "(not set)";
        if (parameter.IsSecret) return SecretMasker.Mask;
        return value is Array array ? string.Join(", ", array.Cast<object>()) : value.ToString() ?? "";
    }
}
