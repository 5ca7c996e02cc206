using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Slipway.IO;

namespace Slipway.Parameters;

/// <summary>
/// A parameter value that is an object: a class with a public parameterless constructor whose public settable
/// properties all have scalar types (string, bool, numbers, enums, <see cref="AbsolutePath"/>, TimeSpan). It is given as a
/// JSON object, e.g. <c>{ "Name": "api", "Dockerfile": "src/Api/Dockerfile" }</c> in <c>.nuke/parameters.json</c>;
/// keys are matched without regard to case, paths are relative to the root, a <c>required</c> property must be given and
/// an unknown key is refused, naming the known ones.
/// </summary>
internal static class ObjectValue
{
    /// <summary>True when <paramref name="type"/> is an object a parameter can hold.</summary>
    public static bool Is(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(AbsolutePath) && !type.IsArray && !type.IsAbstract
        && type.GetConstructor(Type.EmptyTypes) is not null
        && Properties(type) is { Count: > 0 } properties && properties.All(p => ValueConverter.IsScalar(p.PropertyType));

    /// <summary>The properties a JSON object sets, in declaration order.</summary>
    public static IReadOnlyList<PropertyInfo> Properties(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken)];

    /// <summary>True for a property declared <c>required</c>.</summary>
    public static bool IsRequired(PropertyInfo property) => property.GetCustomAttribute<RequiredMemberAttribute>() is not null;

    /// <summary>The description of a property (<see cref="DescriptionAttribute"/>), for the schema.</summary>
    public static string? Description(PropertyInfo property) => property.GetCustomAttribute<DescriptionAttribute>()?.Description;

    /// <summary>The objects one raw value holds: a JSON array's elements, else the value itself.</summary>
    public static IEnumerable<string> Elements(string value)
    {
        if (!value.TrimStart().StartsWith('[')) return [value];
        using var document = Parse(value);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    /// <summary>Converts one JSON object into <paramref name="type"/>.</summary>
    public static object Convert(Type type, string json, AbsolutePath root)
    {
        using var document = Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new ParameterValueException($"'{json}' is not a JSON object with the keys {Keys(type)}");
        var properties = Properties(type);
        var value = Activator.CreateInstance(type)!;
        var given = new HashSet<PropertyInfo>();
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (member.Name.StartsWith('$')) continue;
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ParameterValueException($"'{member.Name}' is not a key of {type.Name}; its keys are {Keys(type)}");
            if (member.Value.ValueKind == JsonValueKind.Null) continue;
            var text = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText();
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            try
            {
                property.SetValue(value, ValueConverter.ConvertScalar(target, text, root));
            }
            catch (ParameterValueException ex)
            {
                throw new ParameterValueException($"{type.Name}.{property.Name}: {ex.Message}");
            }
            given.Add(property);
        }
        var missing = properties.Where(p => IsRequired(p) && !given.Contains(p)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
            throw new ParameterValueException($"{json.Trim()} has no {string.Join(", ", missing)}; each {type.Name} needs {string.Join(", ", properties.Where(IsRequired).Select(p => p.Name))}");
        return value;
    }

    private static string Keys(Type type) => string.Join(", ", Properties(type).Select(p => p.Name));

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ParameterValueException($"'{json}' is not valid JSON ({ex.Message})");
        }
    }
}
