using System.Reflection;
using System.Text;

namespace Slipway.Parameters;

/// <summary>A declared parameter: its names on the command line and in the environment, its type and description.</summary>
internal sealed class ParameterDescriptor(MemberInfo member, ParameterAttribute attribute, bool isSecret)
{
    public MemberInfo Member { get; } = member;

    /// <summary>The member name, e.g. <c>ImageName</c>; also the key in parameters.json.</summary>
    public string Name { get; } = attribute.Name ?? member.Name;

    public string? Description { get; } = attribute.Description;
    public bool IsSecret { get; } = isSecret;

    public Type Type { get; } = member switch
    {
        FieldInfo f => f.FieldType,
        PropertyInfo p => p.PropertyType,
        _ => throw new ArgumentException("Parameters are fields or properties.", nameof(member)),
    };

    /// <summary>True for members of the build class that the engine assigns; false for component properties read through TryGetValue.</summary>
    public bool IsInjectable => Member is FieldInfo || (Member is PropertyInfo { CanWrite: true } && !Member.DeclaringType!.IsInterface);

    /// <summary><c>--image-name</c>.</summary>
    public string CliName => "--" + Words('-').ToLowerInvariant();

    /// <summary><c>IMAGE_NAME</c>.</summary>
    public string EnvironmentName => Words('_').ToUpperInvariant();

    /// <summary><c>SLIPWAY_IMAGE_NAME</c>.</summary>
    public string PrefixedEnvironmentName => "SLIPWAY_" + EnvironmentName;

    /// <summary>The type as help shows it: <c>string</c>, <c>int</c>, <c>Release|Debug</c>, <c>string[]</c>.</summary>
    public string TypeDisplay => ValueConverter.Display(Type);

    /// <summary>Names compared loosely: case, dashes and underscores ignored.</summary>
    public static string Normalize(string name) =>
        new(name.TrimStart('-').Where(c => c is not '-' and not '_').Select(char.ToLowerInvariant).ToArray());

    private string Words(char separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Name.Length; i++)
        {
            var c = Name[i];
            var startsWord = i > 0 && char.IsUpper(c) &&
                (char.IsLower(Name[i - 1]) || char.IsDigit(Name[i - 1]) || (i + 1 < Name.Length && char.IsLower(Name[i + 1]) && char.IsUpper(Name[i - 1])));
            if (startsWord) sb.Append(separator);
            sb.Append(c == '_' ? separator : c);
        }
        return sb.ToString();
    }
}
