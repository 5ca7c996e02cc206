using Slipway.Components.Platforms;

namespace Slipway.Components.Images;

/// <summary>
/// Each stage's part of <c>artifacts/image.json</c>, one method per stage, so every writer adds its fields the same way:
/// DockerBuild starts a record (<see cref="Built"/>), PublishIndex starts the index's from its platform records
/// (<see cref="MergedIndex"/>); TrivyScan adds the scan (<see cref="Scanned"/>), Tag the admission
/// (<see cref="Admitted"/>), Push and PublishPlatform where it went (<see cref="Pushed"/>). The methods know nothing of
/// where the record is stored: the caller reads and writes the file it names.
/// </summary>
public sealed partial record ImageRecord
{
    /// <summary>DockerBuild's record of the image it built: the build part only (scan, admission and push empty).</summary>
    internal static ImageRecord Built(BuiltImage built, string image, string? version, string? commit, string? revision,
        IReadOnlyList<string> uncommittedFiles, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(built);
        ArgumentNullException.ThrowIfNull(uncommittedFiles);
        return new()
        {
            ImageId = built.ImageId,
            ConfigDigest = built.ConfigDigest,
            Platforms = built.Platforms,
            LocalReference = built.LocalReference,
            Image = image,
            Version = version,
            Commit = commit,
            Revision = revision,
            UncommittedFiles = uncommittedFiles.Count > 0 ? uncommittedFiles : null,
            Created = created,
            CachedSteps = built.Steps.CachedCount,
            TotalSteps = built.Steps.TotalCount,
            RestoreCached = built.Steps.RestoreCached,
        };
    }

    /// <summary>
    /// PublishIndex's record of the index <paramref name="digest"/> it put in <paramref name="repository"/>, from the
    /// platform records in index order: their build facts (the first's image, version, commit, revision and creation
    /// time, which the merge checked are the same commit), their platform images and one scan of them all. There is no
    /// local image, so no <see cref="LocalReference"/>; admission and tags are Tag's and Push's parts.
    /// </summary>
    internal static ImageRecord MergedIndex(string digest, string repository, IReadOnlyList<ImageRecord> platformRecords)
    {
        ArgumentException.ThrowIfNullOrEmpty(digest);
        ArgumentException.ThrowIfNullOrEmpty(repository);
        ArgumentNullException.ThrowIfNull(platformRecords);
        if (platformRecords.Count == 0) throw new ArgumentException("An index has at least one platform record.", nameof(platformRecords));
        var first = platformRecords[0];
        return new()
        {
            ImageId = digest,
            Image = first.Image,
            Version = first.Version,
            Commit = first.Commit,
            Revision = first.Revision,
            Created = first.Created,
            Platforms = [.. platformRecords.SelectMany(r => r.Platforms ?? [])],
            Scan = MergedScan(digest, platformRecords),
            Repository = repository,
            Digest = digest,
        };
    }

    /// <summary>TrivyScan's part: the verdict on this record's image.</summary>
    internal ImageRecord Scanned(ScanRecord scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return this with { Scan = scan };
    }

    /// <summary>Tag's part: the scan gate admitted this record's image id under <paramref name="tags"/> (none for a platform job), with the waiver if any.</summary>
    internal ImageRecord Admitted(IReadOnlyList<string> tags, string? waiver)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return this with { Admission = new TagAdmission { ImageId = ImageId, Tags = tags, Waiver = waiver } };
    }

    /// <summary>
    /// Push's part: the repository and manifest digest it went to and the tags on it (null for PublishPlatform's push by
    /// digest only, so the record has no <c>tags</c>), whether the exact version already held it, and the version and
    /// commit when the build did not record them.
    /// </summary>
    internal ImageRecord Pushed(string repository, string digest, IReadOnlyList<string>? tags, bool alreadyPublished, string? version, string? commit)
    {
        ArgumentException.ThrowIfNullOrEmpty(repository);
        ArgumentException.ThrowIfNullOrEmpty(digest);
        return this with
        {
            Repository = repository,
            Digest = digest,
            Tags = tags,
            AlreadyPublished = alreadyPublished ? true : null,
            Version = Version ?? version,
            Commit = Commit ?? commit,
        };
    }

    // One verdict for an index: it passes when every platform's scan passed; counts add up; an unscanned platform makes it waived.
    private static ScanRecord? MergedScan(string indexDigest, IReadOnlyList<ImageRecord> records)
    {
        var scans = records.Select(r => r.Scan).OfType<ScanRecord>().ToList();
        if (scans.Count == 0) return null;
        return new ScanRecord
        {
            ImageId = indexDigest,
            Passed = scans.Count == records.Count && scans.All(s => s.Passed),
            Threshold = scans[0].Threshold,
            Counts = scans.SelectMany(s => s.Counts).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)),
            Blocking = scans.Sum(s => s.Blocking),
            Scanned = scans.Min(s => s.Scanned),
            Waived = scans.Any(s => s.Waived) || scans.Count < records.Count,
            IgnoreUnfixed = scans.All(s => s.IgnoreUnfixed),
            Ignored = [.. scans.SelectMany(s => s.Ignored).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Scanner = scans[0].Scanner,
            Platforms = [.. records.SelectMany(r => r.Platforms ?? []).Select(p => p.Digest)],
        };
    }
}
