using System.Text.RegularExpressions;

namespace Slipway.Components.Registry;

/// <summary>
/// The version a .NET SDK image's tag names, and the rest of the tag: <c>10.0.401-noble</c> is version <c>10.0.401</c>
/// with suffix <c>-noble</c>; <c>10.0.100-rc.2-noble</c> is <c>10.0.100-rc.2</c> with <c>-noble</c>. A tag that names
/// only a major and minor version (<c>10.0</c>, <c>10.0-noble</c>) floats over feature bands and names no SDK version.
/// </summary>
/// <param name="Version">The SDK version, e.g. <c>10.0.401</c> or <c>10.0.100-preview.7</c>.</param>
/// <param name="Suffix">What follows it in the tag, e.g. <c>-noble</c>; empty when nothing does.</param>
internal sealed partial record DotnetSdkTag(string Version, string Suffix)
{
    /// <summary>The SDK version and suffix of a tag, or null when the tag names no full SDK version.</summary>
    public static DotnetSdkTag? TryParse(string? tag)
    {
        if (tag is null) return null;
        var match = VersionPrefix().Match(tag);
        return match.Success ? new DotnetSdkTag(match.Groups["version"].Value, match.Groups["suffix"].Value) : null;
    }

    /// <summary>The tag with another SDK version and the same suffix: <c>10.0.401-noble</c> → <c>10.0.402-noble</c>.</summary>
    public string WithVersion(string version) => version + Suffix;

    [GeneratedRegex(@"^(?<version>\d+\.\d+\.\d{3,}(?:-(?:preview|rc|alpha|beta)\.\d+(?:\.\d+)*)?)(?<suffix>(?:-[A-Za-z0-9._-]*)?)$")]
    private static partial Regex VersionPrefix();
}
