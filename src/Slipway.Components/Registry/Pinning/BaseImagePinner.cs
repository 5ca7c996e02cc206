using Serilog;
using Slipway.Components.References;
using Slipway.IO;

namespace Slipway.Components.Registry;

/// <summary>One base image and what it is pinned to now.</summary>
/// <param name="Line">The 1-based line of the Dockerfile.</param>
/// <param name="ArgumentName">The <c>ARG</c> whose default it is, or null for a <c>FROM</c>.</param>
/// <param name="Reference">The reference as the Dockerfile had it.</param>
/// <param name="OldDigest">Its digest, or null when it had none.</param>
/// <param name="NewReference">The reference it is pinned to now: the same tag (or, for the .NET SDK, the tag of global.json's version) and its current digest.</param>
internal sealed record BaseImagePin(int Line, string? ArgumentName, string Reference, string? OldDigest, string NewReference)
{
    /// <summary>True when the Dockerfile already had this reference.</summary>
    public bool IsCurrent => Reference == NewReference;
}

/// <summary>
/// Resolves every base image tag of a Dockerfile to its current digest and rewrites the pins, atomically. A .NET SDK
/// image whose tag names a full SDK version follows <c>global.json</c>: its tag moves to the version global.json asks
/// for (suffix kept, <c>10.0.401-noble</c> → <c>10.0.402-noble</c>). Files that repeat a pin (the GitLab job's image in
/// <c>.gitlab-ci.yml</c>, the attribute in <c>build/Build.cs</c> it is generated from) move with the Dockerfile.
/// </summary>
internal sealed class BaseImagePinner(RegistryClient registry, RetrySettings retry)
{
    /// <summary>Resolves and rewrites; returns one entry per base image reference found.</summary>
    /// <param name="dockerfile">The Dockerfile.</param>
    /// <param name="sdkVersion">The SDK version of global.json, or null: SDK image tags then keep their version.</param>
    /// <param name="companions">Other files whose pins of the same image and tag move with the Dockerfile's.</param>
    /// <param name="cancellationToken">Cancels the registry lookups.</param>
    public async Task<IReadOnlyList<BaseImagePin>> PinAsync(
        AbsolutePath dockerfile, string? sdkVersion = null, IReadOnlyList<AbsolutePath>? companions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        if (!dockerfile.FileExists())
            throw new BuildFailedException($"The Dockerfile {dockerfile} does not exist. Pass --dockerfile with its path.");
        var text = dockerfile.ReadAllText();
        var occurrences = DockerfileBaseImages.Find(text);
        if (occurrences.Count == 0)
        {
            Log.Warning("{Dockerfile} has no base image with a tag to pin (FROM repo:tag, or ARG X=repo:tag used by a FROM)", dockerfile);
            return [];
        }

        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        var pins = new List<(BaseImageOccurrence Occurrence, BaseImagePin Pin)>();
        foreach (var occurrence in occurrences)
        {
            var reference = occurrence.Reference;
            var tag = TagFor(reference, sdkVersion);
            var key = $"{reference.Repository}:{tag}";
            if (!resolved.TryGetValue(key, out var digest))
            {
                digest = await RegistryRetry.RunAsync($"Digest lookup of {key}", retry,
                        ct => registry.GetDigestAsync(reference.Repository!, tag, credentials: null, ct), cancellationToken)
                    ?? throw new BuildFailedException(tag == reference.Tag
                        ? $"{key} (line {occurrence.Line + 1} of {dockerfile.Name}) does not exist in its registry. Fix the tag, then run PinBaseImages again."
                        : $"{key}, the SDK image of global.json's version {sdkVersion} (line {occurrence.Line + 1} of {dockerfile.Name} has {reference.Tag}), does not exist in its registry. Ask global.json for an SDK version that has an image, then run PinBaseImages again.");
                resolved[key] = digest;
            }
            pins.Add((occurrence, new BaseImagePin(occurrence.Line + 1, occurrence.ArgumentName, reference.Text, reference.Digest, reference.WithTagAndDigest(tag, digest))));
        }

        foreach (var (_, pin) in pins)
        {
            var where = pin.ArgumentName is null ? $"line {pin.Line}" : $"line {pin.Line} (ARG {pin.ArgumentName})";
            if (pin.IsCurrent) Log.Information("{Where}: {Reference} is up to date", where, pin.Reference);
            else Log.Information("{Where}: {Old} → {New}", where, pin.Reference, pin.NewReference);
        }

        var changes = pins.Where(p => !p.Pin.IsCurrent).ToList();
        if (changes.Count == 0) return [.. pins.Select(p => p.Pin)];
        var rewrites = changes.Select(c => (c.Occurrence, c.Pin.NewReference)).ToList();
        dockerfile.WriteAllText(DockerfileBaseImages.Rewrite(text, rewrites));
        foreach (var companion in companions ?? [])
        {
            if (!companion.FileExists()) continue;
            var before = companion.ReadAllText();
            var after = PinnedReferences.Replace(before, rewrites.Select(r => (r.Occurrence.Reference, r.NewReference)));
            if (after == before) continue;
            companion.WriteAllText(after);
            Log.Information("{File}: its pins of the same images moved with the Dockerfile", companion);
        }
        return [.. pins.Select(p => p.Pin)];
    }

    // The tag to pin: the tag as written, but for a .NET SDK image that names a full version, global.json's version.
    private static string TagFor(ImageReference reference, string? sdkVersion) =>
        sdkVersion is not null && reference.IsDotnetSdk && DotnetSdkTag.TryParse(reference.Tag) is { } sdkTag
            ? sdkTag.WithVersion(sdkVersion)
            : reference.Tag!;
}
