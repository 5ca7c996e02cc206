using System.Globalization;
using Slipway.IO;

namespace Slipway.Parameters;

/// <summary>
/// Converts raw parameter values (strings, or JSON scalars as strings) into the declared type. An object type (see
/// <see cref="ObjectValue"/>) takes a JSON object, an array of it a JSON object per value or one JSON array.
/// </summary>
internal static class ValueConverter
{
    /// <summary>Converts <paramref name="values"/>; a scalar type takes the last value, an array all of them.</summary>
    public static object? Convert(Type type, IReadOnlyList<string> values, AbsolutePath root)
    {
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var items = ObjectValue.Is(element)
                ? [.. values.SelectMany(ObjectValue.Elements).Select(v => ObjectValue.Convert(element, v, root))]
                : values.SelectMany(SplitList).Select(v => ConvertScalar(element, v, root)).ToArray();
            var array = Array.CreateInstance(element, items.Length);
            for (var i = 0; i < items.Length; i++) array.SetValue(items[i], i);
            return array;
        }
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (values.Count == 0)
            return underlying == typeof(bool) ? true : throw new ParameterValueException($"needs a value of type {Display(type)}");
        return ObjectValue.Is(underlying) ? ObjectValue.Convert(underlying, values[^1], root) : ConvertScalar(underlying, values[^1], root);
    }

    public static string Display(Type type)
    {
        if (type.IsArray) return Display(type.GetElementType()!) + "[]";
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return string.Join('|', Enum.GetNames(t));
        if (ObjectValue.Is(t)) return "{" + string.Join(",", ObjectValue.Properties(t).Select(p => p.Name)) + "}";
        return t switch
        {
            _ when t == typeof(string) => "string",
            _ when t == typeof(bool) => "bool",
            _ when t == typeof(int) => "int",
            _ when t == typeof(long) => "long",
            _ when t == typeof(double) => "number",
            _ when t == typeof(AbsolutePath) => "path",
            _ when t == typeof(TimeSpan) => "timespan",
            _ => t.Name,
        };
    }

    public static bool IsSupported(Type type)
    {
        var t = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
        return IsScalar(t) || ObjectValue.Is(t);
    }

    /// <summary>True for the types a value (or an object's property) converts from one string.</summary>
    public static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum || t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long)
            || t == typeof(double) || t == typeof(AbsolutePath) || t == typeof(TimeSpan);
    }

    private static IEnumerable<string> SplitList(string value) =>
        value.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Converts one value of a scalar type (see <see cref="IsScalar"/>).</summary>
    public static object ConvertScalar(Type t, string value, AbsolutePath root)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (t == typeof(string)) return value;
        if (t == typeof(AbsolutePath))
            return value.Length == 0 ? throw Invalid(value, t) : Path.IsPathRooted(value) ? AbsolutePath.Create(value) : root / value;
        if (t == typeof(bool))
        {
            return value.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" or "" => true,
                "false" or "0" or "no" or "off" => false,
                _ => throw Invalid(value, t),
            };
        }
        if (t == typeof(int)) return int.TryParse(value, NumberStyles.Integer, invariant, out var i) ? i : throw Invalid(value, t);
        if (t == typeof(long)) return long.TryParse(value, NumberStyles.Integer, invariant, out var l) ? l : throw Invalid(value, t);
        if (t == typeof(double)) return double.TryParse(value, NumberStyles.Float, invariant, out var d) ? d : throw Invalid(value, t);
        if (t == typeof(TimeSpan)) return TimeSpan.TryParse(value, invariant, out var s) ? s : throw Invalid(value, t);
        if (t.IsEnum)
        {
            var match = Enum.GetNames(t).FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
            return match is not null ? Enum.Parse(t, match) : throw Invalid(value, t);
        }
        throw new ParameterValueException($"has type {t.Name}, which parameters do not support");
    }

    private static ParameterValueException Invalid(string value, Type t) =>
        new($"'{value}' is not a valid {Display(t)}" + (t.IsEnum ? "" : $" (expected {Display(t)})"));
}

/// <summary>A parameter value could not be converted; the message is completed with the parameter and source.</summary>
internal sealed class ParameterValueException(string message) : Exception(message);
