using System.Globalization;
using System.Text.RegularExpressions;

namespace Slipway.Components.Dotnet;

/// <summary>
/// A .NET SDK version as <c>global.json</c> and the SDK image tags write it: <c>10.0.401</c>, <c>10.0.100-preview.7</c>,
/// or only <c>10.0</c> (a floating tag). The feature band is the hundreds of the patch number: 10.0.401 is band 4xx.
/// </summary>
internal sealed partial record SdkVersion(int Major, int Minor, int? Patch, string? Prerelease)
{
    /// <summary>The feature band, e.g. 4 for 10.0.401; null for a version without a patch number.</summary>
    public int? Band => Patch / 100;

    /// <summary>
    /// The version at the start of <paramref name="text"/>: a version, or an SDK image tag such as <c>10.0.401-noble</c>,
    /// <c>10.0.100-rc.1-noble-amd64</c> or <c>10.0-alpine</c> (what follows the version is the OS). Null when it does not start with one.
    /// </summary>
    public static SdkVersion? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text);
        if (!match.Success) return null;
        return new SdkVersion(
            Number(match.Groups["major"].Value), Number(match.Groups["minor"].Value),
            match.Groups["patch"].Success ? Number(match.Groups["patch"].Value) : null,
            match.Groups["pre"].Success ? match.Groups["pre"].Value : null);
    }

    /// <summary>Orders by version number, a prerelease before its release.</summary>
    public int CompareTo(SdkVersion? other)
    {
        if (other is null) return 1;
        var numbers = (Major, Minor, Patch ?? 0).CompareTo((other.Major, other.Minor, other.Patch ?? 0));
        if (numbers != 0) return numbers;
        if (Prerelease is null || other.Prerelease is null) return (Prerelease is null).CompareTo(other.Prerelease is null);
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Patch is null ? $"{Major}.{Minor}" : $"{Major}.{Minor}.{Patch}" + (Prerelease is null ? "" : "-" + Prerelease);

    // SemVer: dot-separated identifiers, numeric ones compared as numbers and before alphanumeric ones.
    private static int ComparePrerelease(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var l = int.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ln);
            var r = int.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var rn);
            var order = l && r ? ln.CompareTo(rn) : l ? -1 : r ? 1 : string.CompareOrdinal(left[i], right[i]);
            if (order != 0) return order;
        }
        return left.Length.CompareTo(right.Length);
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<major>\d{1,4})\.(?<minor>\d{1,4})(?:\.(?<patch>\d{1,5})(?:-(?<pre>(?:preview|rc|alpha|beta)(?:\.[0-9A-Za-z]+)*))?)?(?=$|-)", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
