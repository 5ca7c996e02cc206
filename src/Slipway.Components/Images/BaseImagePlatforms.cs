using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Components.References;
using Slipway.IO;
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
    /// only in the engine, a registry offline) is left to the build, with a note. The platforms of a base pinned by digest
    /// never change: they are kept in <paramref name="cacheFile"/> and read from there on later builds.
    /// </summary>
    public static async Task CheckAsync(DockerCli docker, string? baseImage, TargetPlatforms platforms, AbsolutePath? cacheFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(platforms);
        if (baseImage is null || platforms.Values.Count == 0) return;
        var reference = ImageReference.Parse(baseImage);
        var digest = reference.HasSha256Digest ? reference.Digest : null;
        var available = digest is not null && cacheFile is not null ? Cached(cacheFile, digest) : null;
        if (available is null)
        {
            var inspect = await docker.TryAsync(cancellationToken, "buildx", "imagetools", "inspect", "--format", "{{json .Image}}", baseImage);
            if (inspect.ExitCode != 0)
            {
                Log.Information("The platforms of the base image {Image} could not be read ({Error}); the build checks them", baseImage, inspect.StandardError.Trim());
                return;
            }
            available = Parse(inspect.StandardOutput);
            if (digest is not null && cacheFile is not null && available.Count > 0) Remember(cacheFile, digest, available);
        }
        var missing = platforms.Values.Where(p => !available.Contains(p, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0) return;
        throw new BuildFailedException(
            $"The base image {baseImage} has no {string.Join(" or ", missing)} image: it has {(available.Count == 0 ? "no platform image" : string.Join(", ", available))}. " +
            $"Use a multi-platform base (an index with {string.Join(", ", platforms.Values)}, as the .NET images on mcr.microsoft.com are; pin its index digest), " +
            $"or build only for {string.Join(",", platforms.Values.Except(missing))}" + (missing.Count == platforms.Values.Count ? " the platforms it has" : "") + " with --platforms.");
    }

    // The cache: {"sha256:…": ["linux/amd64", "linux/arm64"], …}, digests of bases this checkout built on. Unreadable: empty.
    private static IReadOnlyList<string>? Cached(AbsolutePath file, string digest)
    {
        if (!file.FileExists()) return null;
        try
        {
            return JsonNode.Parse(file.ReadAllText())?[digest] is JsonArray list ? [.. list.Select(p => p!.GetValue<string>())] : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void Remember(AbsolutePath file, string digest, IReadOnlyList<string> platforms)
    {
        JsonObject cache;
        try
        {
            cache = file.FileExists() ? JsonNode.Parse(file.ReadAllText()) as JsonObject ?? [] : [];
        }
        catch (JsonException)
        {
            cache = [];
        }
        cache[digest] = new JsonArray([.. platforms.Select(p => JsonValue.Create(p))]);
        file.WriteAllText(cache.ToJsonString());
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
