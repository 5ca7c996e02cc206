using System.Text.RegularExpressions;

namespace Slipway.CI;

/// <summary>The <c>NAME=value</c> entries of the CI attributes' <c>Variables</c>.</summary>
internal static partial class CiVariables
{
    /// <summary>Each entry split at its first <c>=</c>; a missing <c>=</c> or a name that is not an identifier is a usage error naming the attribute.</summary>
    public static IReadOnlyList<(string Name, string Value)> Parse(string attribute, IEnumerable<string> entries)
    {
        var variables = new List<(string, string)>();
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !Name().IsMatch(entry[..eq]))
                throw new BuildUsageException($"{attribute} variable '{entry}' is not NAME=value (a name of letters, digits and _, e.g. SLIPWAY_SIGN_KEYLESS=true).");
            variables.Add((entry[..eq], entry[(eq + 1)..]));
        }
        return variables;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();
}
