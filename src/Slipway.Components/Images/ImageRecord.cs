using System.Text.Json;
using System.Text.Json.Serialization;
using Slipway.IO;

namespace Slipway.Components.Images;

/// <summary>
/// <c>artifacts/image.json</c>: the hand-over between DockerBuild, TrivyScan and Push, and what a deploy step reads.
/// DockerBuild writes the build part; TrivyScan adds <see cref="Scan"/>; Push adds repository, digest and tags.
/// </summary>
public sealed record ImageRecord
{
    /// <summary>The image id (<c>sha256:…</c>) of the built image, as <c>docker image inspect</c> reports it.</summary>
    public required string ImageId { get; init; }

    /// <summary>The local reference the image was loaded under, e.g. <c>acme-orders:build</c>.</summary>
    public required string LocalReference { get; init; }

    /// <summary>The image name without registry.</summary>
    public required string Image { get; init; }

    /// <summary>The version the image was built for, when known.</summary>
    public string? Version { get; init; }

    /// <summary>The commit the image was built from, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>When the image was built (UTC).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Build steps that came from the cache, and how many steps there were.</summary>
    public int? CachedSteps { get; init; }

    /// <summary>Number of build steps.</summary>
    public int? TotalSteps { get; init; }

    /// <summary>Whether the dependency restore step came from the cache.</summary>
    public bool? RestoreCached { get; init; }

    /// <summary>The result of the scan of this image id, once scanned.</summary>
    public ScanRecord? Scan { get; init; }

    /// <summary>The repository pushed to, e.g. <c>ghcr.io/acme/orders</c>.</summary>
    public string? Repository { get; init; }

    /// <summary>The pushed manifest digest, <c>sha256:…</c>.</summary>
    public string? Digest { get; init; }

    /// <summary>The tags pushed, all pointing at <see cref="Digest"/>.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary><c>repository@digest</c>, what a deployment should reference.</summary>
    [JsonInclude]
    public string? Reference => Repository is not null && Digest is not null ? $"{Repository}@{Digest}" : null;

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads the record, or null when the file does not exist.</summary>
    public static ImageRecord? Read(AbsolutePath file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.FileExists()) return null;
        try
        {
            return JsonSerializer.Deserialize<ImageRecord>(file.ReadAllText(), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new BuildFailedException($"{file} is not a valid image record ({ex.Message}). Delete it and run DockerBuild again.", ex);
        }
    }

    /// <summary>Writes the record atomically.</summary>
    public void Write(AbsolutePath file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.WriteAllText(JsonSerializer.Serialize(this, JsonOptions));
    }
}

/// <summary>The outcome of TrivyScan for one image id.</summary>
public sealed record ScanRecord
{
    /// <summary>The image id that was scanned; Push refuses any other.</summary>
    public required string ImageId { get; init; }

    /// <summary>True when no finding reached the threshold.</summary>
    public required bool Passed { get; init; }

    /// <summary>The severity threshold used, e.g. <c>HIGH</c>.</summary>
    public required string Threshold { get; init; }

    /// <summary>Findings per severity (CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN).</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>Number of findings at or above the threshold.</summary>
    public int Blocking { get; init; }

    /// <summary>When the scan ran (UTC).</summary>
    public DateTimeOffset Scanned { get; init; }

    /// <summary>True when the scan was waived with <c>--allow-unscanned</c> instead of run.</summary>
    public bool Waived { get; init; }
}
