using System.Text.Json;
using Serilog;
using Slipway.Components.Docker;
using Slipway.Components.Platforms;

namespace Slipway.Components.Images;

/// <summary>
/// Checks, before a build for given platforms, that the final stage's base image has each of them: a base without one
/// fails there, naming the image and the platforms it has, instead of deep in BuildKit's output.
/// </summary>
internal static class BaseImagePlatforms
{
    /// <summary>
    /// Reads the platforms of <paramref name="baseImage"/> (<c>docker buildx imagetools inspect</c>, with docker's login)
    /// and fails when one of <paramref name="platforms"/> is missing. A base the registry does not answer for (an image
    /// only in the engine, a registry offline) is left to the build, with a note.
    /// </summary>
    public static async Task CheckAsync(DockerCli docker, string? baseImage, TargetPlatforms platforms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(platforms);
        if (baseImage is null || platforms.Values.Count == 0) return;
        var inspect = await docker.TryAsync(cancellationToken, "buildx", "imagetools", "inspect", "--format", "{{json .Image}}", baseImage);
        if (inspect.ExitCode != 0)
        {
            Log.Information("The platforms of the base image {Image} could not be read ({Error}); the build checks them", baseImage, inspect.StandardError.Trim());
            return;
        }
        var available = Parse(inspect.StandardOutput);
        var missing = platforms.Values.Where(p => !available.Contains(p, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0) return;
        throw new BuildFailedException(
            $"The base image {baseImage} has no {string.Join(" or ", missing)} image: it has {(available.Count == 0 ? "no platform image" : string.Join(", ", available))}. " +
            $"Use a multi-platform base (an index with {string.Join(", ", platforms.Values)}, as the .NET images on mcr.microsoft.com are; pin its index digest), " +
            $"or build only for {string.Join(",", platforms.Values.Except(missing))}" + (missing.Count == platforms.Values.Count ? " the platforms it has" : "") + " with --platforms.");
    }

    /// <summary>The platforms in <c>imagetools inspect --format '{{json .Image}}'</c>: one config, or configs by platform for an index.</summary>
    internal static IReadOnlyList<string> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return [];
        if (root.TryGetProperty("architecture", out _)) return [PlatformOf(root)];
        return [.. root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("architecture", out _))
            .Select(p => PlatformOf(p.Value))
            .Where(p => !p.StartsWith("unknown", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    private static string PlatformOf(JsonElement config)
    {
        var os = config.TryGetProperty("os", out var o) ? o.GetString() : "unknown";
        var platform = $"{os}/{config.GetProperty("architecture").GetString()}";
        if (config.TryGetProperty("variant", out var v) && v.GetString() is { Length: > 0 } variant) platform += "/" + variant;
        return TargetPlatforms.Normalize(platform) ?? platform;
    }
}
