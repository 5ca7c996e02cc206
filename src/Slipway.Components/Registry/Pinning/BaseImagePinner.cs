using Serilog;
using Slipway.IO;

namespace Slipway.Components.Registry;

/// <summary>One base image and the digest its tag points at now.</summary>
internal sealed record BaseImagePin(int Line, string? ArgumentName, string Reference, string? OldDigest, string NewDigest)
{
    /// <summary>True when the Dockerfile already had this digest.</summary>
    public bool IsCurrent => OldDigest == NewDigest;
}

/// <summary>Resolves every base image tag of a Dockerfile to its current digest and rewrites the pins, atomically.</summary>
internal sealed class BaseImagePinner(RegistryClient registry, RetrySettings retry)
{
    /// <summary>Resolves and rewrites; returns one entry per base image reference found.</summary>
    public async Task<IReadOnlyList<BaseImagePin>> PinAsync(AbsolutePath dockerfile, CancellationToken cancellationToken = default)
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
            var key = $"{reference.Repository}:{reference.Tag}";
            if (!resolved.TryGetValue(key, out var digest))
            {
                digest = await RegistryRetry.RunAsync($"Digest lookup of {key}", retry,
                        ct => registry.GetDigestAsync(reference.Repository!, reference.Tag!, credentials: null, ct), cancellationToken)
                    ?? throw new BuildFailedException($"{key} (line {occurrence.Line + 1} of {dockerfile.Name}) does not exist in its registry. Fix the tag, then run PinBaseImages again.");
                resolved[key] = digest;
            }
            pins.Add((occurrence, new BaseImagePin(occurrence.Line + 1, occurrence.ArgumentName, reference.Text, reference.Digest, digest)));
        }

        foreach (var (_, pin) in pins)
        {
            var where = pin.ArgumentName is null ? $"line {pin.Line}" : $"line {pin.Line} (ARG {pin.ArgumentName})";
            if (pin.IsCurrent) Log.Information("{Where}: {Reference} is up to date", where, pin.Reference);
            else Log.Information("{Where}: {Old} → {New}", where, pin.Reference, pin.Reference.Split('@')[0] + "@" + pin.NewDigest);
        }

        var changes = pins.Where(p => !p.Pin.IsCurrent).ToList();
        if (changes.Count > 0)
            dockerfile.WriteAllText(DockerfileBaseImages.Rewrite(text, changes.Select(c => (c.Occurrence, c.Pin.NewDigest))));
        return [.. pins.Select(p => p.Pin)];
    }
}
