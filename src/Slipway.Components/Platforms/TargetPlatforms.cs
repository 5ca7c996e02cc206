namespace Slipway.Components.Platforms;

/// <summary>
/// The platforms an image is built for (<c>--platforms linux/amd64,linux/arm64</c>): checked once, in order, without
/// duplicates. Empty means the builder's own platform and one image manifest, as a build without <c>--platform</c> makes.
/// More than one makes an OCI image index with one manifest per platform.
/// </summary>
public sealed class TargetPlatforms
{
    /// <summary>The platforms .NET publishes Linux container images for, as OCI platform strings.</summary>
    public static IReadOnlyList<string> Accepted { get; } = ["linux/amd64", "linux/arm64", "linux/arm/v7"];

    private TargetPlatforms(IReadOnlyList<string> values) => Values = values;

    /// <summary>No platform given: the builder's own.</summary>
    public static TargetPlatforms Default { get; } = new([]);

    /// <summary>The platforms, e.g. <c>linux/amd64</c>, <c>linux/arm64</c>; empty for the builder's own.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>True when the build makes an image index of two or more platforms.</summary>
    public bool IsMultiPlatform => Values.Count > 1;

    /// <summary>The value of buildx's <c>--platform</c>, e.g. <c>linux/amd64,linux/arm64</c>; null for the builder's own.</summary>
    public string? BuildxArgument => Values.Count == 0 ? null : string.Join(',', Values);

    /// <summary>
    /// Parses the parameter's items (each may hold several, comma-separated, as <c>--platforms a,b</c> or a JSON array
    /// gives them). <c>linux/arm64/v8</c> is <c>linux/arm64</c>, <c>linux/x86_64</c> is <c>linux/amd64</c>. Fails naming
    /// the accepted platforms.
    /// </summary>
    public static TargetPlatforms Parse(IEnumerable<string>? items)
    {
        var values = new List<string>();
        foreach (var item in items ?? [])
        {
            foreach (var part in item.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var platform = Normalize(part) ?? throw new BuildFailedException(
                    $"--platforms '{part}' is not a platform Slipway builds .NET images for. Accepted: {string.Join(", ", Accepted)} " +
                    "(e.g. --platforms linux/amd64,linux/arm64, or \"Platforms\": [\"linux/amd64\", \"linux/arm64\"] in .nuke/parameters.json).");
                if (!values.Contains(platform, StringComparer.Ordinal)) values.Add(platform);
            }
        }
        return values.Count == 0 ? Default : new TargetPlatforms(values);
    }

    /// <summary>The platform in OCI form, or null when it is not accepted.</summary>
    public static string? Normalize(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var p = platform.Trim().ToLowerInvariant();
        p = p switch
        {
            "linux/arm64/v8" or "linux/aarch64" => "linux/arm64",
            "linux/x86_64" or "linux/x86-64" => "linux/amd64",
            "linux/arm" or "linux/armhf" => "linux/arm/v7",
            _ => p,
        };
        return Accepted.Contains(p, StringComparer.Ordinal) ? p : null;
    }

    /// <summary><c>linux/arm64</c> → <c>linux-arm64</c>: a platform as a file, folder or tag part.</summary>
    public static string Slug(string platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return platform.Replace('/', '-');
    }

    /// <inheritdoc />
    public override string ToString() => Values.Count == 0 ? "the builder's platform" : string.Join(", ", Values);
}
