using System.Text.RegularExpressions;

namespace Slipway.CI;

/// <summary>Quoting for the few YAML scalars the CI writers emit.</summary>
internal static partial class Yaml
{
    /// <summary>The value as is when YAML reads it back as the same string, else single-quoted.</summary>
    public static string Scalar(string value) =>
        Plain().IsMatch(value) && !Reserved.Contains(value.ToLowerInvariant()) ? value : "'" + value.Replace("'", "''") + "'";

    private static readonly HashSet<string> Reserved = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"];

    [GeneratedRegex(@"^[A-Za-z_./][A-Za-z0-9_./@ -]*$")]
    private static partial Regex Plain();
}
