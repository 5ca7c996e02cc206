using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>Tells a value that names an environment variable (<c>%NUGET_AUTH_TOKEN%</c>, <c>${NPM_TOKEN}</c>) from a literal credential.</summary>
internal static partial class EnvironmentReference
{
    /// <summary>
    /// True when the value is nothing but environment references, <c>%NAME%</c>, <c>${NAME}</c> or <c>$NAME</c>, the
    /// tool filling them in when it runs: the file holds no credential.
    /// </summary>
    public static bool IsOnlyReferences(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rest = Reference().Replace(value, "");
        return rest.Length < value.Length && rest.Trim().Length == 0;
    }

    [GeneratedRegex(@"%[A-Za-z_][A-Za-z0-9_]*%|\$\{[A-Za-z_][A-Za-z0-9_]*\??\}|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Reference();
}
