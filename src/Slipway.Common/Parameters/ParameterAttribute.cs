namespace Slipway;

/// <summary>
/// Marks a field or property as a build parameter. It is filled, highest first, from the command line
/// (<c>--image-name x</c>), the environment (<c>IMAGE_NAME</c> or <c>SLIPWAY_IMAGE_NAME</c>) and
/// <c>.nuke/parameters.json</c> (with <c>--profile p</c>, also <c>parameters.p.json</c>).
/// On a component interface, declare a get-only property that calls <c>TryGetValue(() => Name)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    /// <summary>The description shown by <c>--help</c> and in the schema.</summary>
    public string? Description { get; } = description;

    /// <summary>The parameter name when it differs from the member name.</summary>
    public string? Name { get; init; }
}

/// <summary>Marks a parameter as secret: its value is masked in every log line, echoed command and summary.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
