using System.Text.Json;
using System.Text.Json.Serialization;
using Slipway.IO;

namespace Slipway.Components.Images;

/// <summary>
/// <c>artifacts/image.json</c>: the hand-over between DockerBuild, TrivyScan, Tag and Push, and what a deploy step reads.
/// DockerBuild writes the build part; TrivyScan adds <see cref="Scan"/>; Tag the <see cref="Admission"/>; Push adds
/// repository, digest and tags. Each stage adds its part through one method of this type (ImageRecord.Stages.cs).
/// </summary>
public sealed partial record ImageRecord
{
    /// <summary>The image id (<c>sha256:…</c>) of the built image, as <c>docker image inspect</c> reports it.</summary>
    public required string ImageId { get; init; }

    /// <summary>
    /// The digest of the image's config, as BuildKit reported it. Store-independent: the registry keeps the config as
    /// pushed, so Push compares it to tell this image from another. Null for the classic builder.
    /// </summary>
    public string? ConfigDigest { get; init; }

    /// <summary>
    /// The images of a build with <c>--platforms</c>, one per platform (its manifest and config digests): the platforms of
    /// the index that <see cref="ImageId"/> and the pushed <see cref="Digest"/> name (or, for one platform, that image).
    /// Null for a build without <c>--platforms</c>.
    /// </summary>
    public IReadOnlyList<Platforms.PlatformImage>? Platforms { get; init; }

    /// <summary>
    /// The local reference the image was loaded under, unique to its build, e.g. <c>acme-orders:build-1a2b3c4d5e6f</c>.
    /// Null for an index merged from platform jobs (PublishIndex): it was never in a local Docker store.
    /// </summary>
    public string? LocalReference { get; init; }

    /// <summary>The image name without registry.</summary>
    public required string Image { get; init; }

    /// <summary>The version the image was built for, when known.</summary>
    public string? Version { get; init; }

    /// <summary>The commit the image was built from, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>
    /// The image's <c>org.opencontainers.image.revision</c> label: the commit, with <c>-dirty</c> when the build context
    /// had uncommitted changes. Tag refuses an image whose label is not the commit being published.
    /// </summary>
    public string? Revision { get; init; }

    /// <summary>The files of the build context that were not committed when the image was built (empty for a clean build).</summary>
    public IReadOnlyList<string>? UncommittedFiles { get; init; }

    /// <summary>True when the exact version tag already held this image and nothing of it was pushed again.</summary>
    public bool? AlreadyPublished { get; init; }

    /// <summary>When the image was built: the commit's time, so a rebuild of the commit gives the same image (UTC).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Build steps that came from the cache, and how many steps there were.</summary>
    public int? CachedSteps { get; init; }

    /// <summary>Number of build steps.</summary>
    public int? TotalSteps { get; init; }

    /// <summary>Whether the dependency restore step came from the cache.</summary>
    public bool? RestoreCached { get; init; }

    /// <summary>The result of the scan of this image id, once scanned.</summary>
    public ScanRecord? Scan { get; init; }

    /// <summary>What Tag admitted for pushing: this image id, its validated tags and the scan waiver, if any. Push pushes only that.</summary>
    public TagAdmission? Admission { get; init; }

    /// <summary>The repository pushed to, e.g. <c>ghcr.io/acme/orders</c>.</summary>
    public string? Repository { get; init; }

    /// <summary>The pushed manifest digest, <c>sha256:…</c>.</summary>
    public string? Digest { get; init; }

    /// <summary>The tags pushed, all pointing at <see cref="Digest"/>.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary><c>repository@digest</c>, what a deployment should reference.</summary>
    [JsonInclude]
    public string? Reference
    {
        get => Repository is not null && Digest is not null ? $"{Repository}@{Digest}" : null;
        // Written for readers of the file; read back, it is derived again from Repository and Digest.
        internal init { }
    }

    /// <summary>Reads the record, or null when the file does not exist.</summary>
    public static ImageRecord? Read(AbsolutePath file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.FileExists()) return null;
        try
        {
            return JsonSerializer.Deserialize(file.ReadAllText(), ImageRecordJson.Default.ImageRecord);
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
        file.WriteAllText(JsonSerializer.Serialize(this, ImageRecordJson.Default.ImageRecord));
    }
}

/// <summary>The hand-over from Tag to Push: the image the scan gate admitted and the tags that passed the final check.</summary>
public sealed record TagAdmission
{
    /// <summary>The image id the gate admitted; Push refuses a record whose image is another.</summary>
    public required string ImageId { get; init; }

    /// <summary>The tags, validated once (never <c>latest</c>, no duplicates, each a valid tag).</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The waiver text when <c>--allow-unscanned</c> let the image through, else null.</summary>
    public string? Waiver { get; init; }
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

    /// <summary>Whether findings without a fixed version were left out (<c>--ignore-unfixed</c>).</summary>
    public bool IgnoreUnfixed { get; init; }

    /// <summary>The vulnerability ids <c>.trivyignore</c> left out of the verdict.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>The platform manifests scanned, one report each, for a build with <c>--platforms</c>; null otherwise.</summary>
    public IReadOnlyList<string>? Platforms { get; init; }

    /// <summary>The scanner and its vulnerability database; null for records written before it was recorded.</summary>
    public ScannerRecord? Scanner { get; init; }
}

/// <summary>The scanner of a verdict: its name and version, and when its vulnerability database was built.</summary>
public sealed record ScannerRecord
{
    /// <summary>The scanner, <c>trivy</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its version, e.g. <c>0.69.3</c>, or <c>unknown</c>.</summary>
    public required string Version { get; init; }

    /// <summary>When its vulnerability database was built (UTC), when the scanner says.</summary>
    public DateTimeOffset? DatabaseUpdated { get; init; }
}

/// <summary>
/// The JSON of <see cref="ImageRecord"/>: camelCase, indented, null fields left out, enums as strings. Generated at
/// compile time, so reading and writing the record costs a run no reflection.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ImageRecord))]
internal sealed partial class ImageRecordJson : JsonSerializerContext;
