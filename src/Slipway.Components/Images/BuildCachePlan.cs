using Slipway.IO;

namespace Slipway.Components.Images;

/// <summary>The build cache a build imports (<c>--cache-from</c>) and exports (<c>--cache-to</c>), and a sentence for the log.</summary>
internal sealed record BuildCachePlan(IReadOnlyList<string> From, string? To, string Description)
{
    /// <summary>The directory a local cache export goes to, which then replaces the local cache; null for no local export.</summary>
    public AbsolutePath? LocalExport { get; init; }

    /// <summary>No cache import or export.</summary>
    public static BuildCachePlan None(string reason) => new([], null, reason);

    /// <summary>
    /// With a registry: the branch's cache <c>&lt;registry&gt;/&lt;image&gt;:buildcache-&lt;branch&gt;[-&lt;os-arch&gt;…]</c> (the
    /// platforms when given) and the default branch's,
    /// written back to the branch's with <c>mode=max</c> (every stage, so the restore layer of the build stage too).
    /// A failed cache export only warns (<c>ignore-error=true</c>): the image is what matters. Without a branch, the
    /// default branch's cache is read and nothing is written. Without a registry: the local cache directory, exported to
    /// <see cref="LocalExport"/> (a local export never drops old blobs, so each build writes a fresh one that replaces the old).
    /// </summary>
    public static BuildCachePlan For(ImageBuildRequest request, bool localCacheExists)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CacheRepository is null)
        {
            var dir = request.LocalCacheDirectory;
            var next = (dir.Parent ?? dir) / (dir.Name + "-next");
            return new(
                localCacheExists ? [$"type=local,src={dir}"] : [],
                $"type=local,dest={next},mode=max",
                localCacheExists ? $"local build cache {dir}" : $"local build cache {dir} (empty: this build fills it)")
            {
                LocalExport = next,
            };
        }

        var repository = request.CacheRepository.ToString();
        // Per branch and per platform set: jobs that build one platform each (split across native runners) never
        // overwrite each other's cache, nor the one of a build of both.
        var platforms = string.Concat(request.Platforms.Values.Select(p => "-" + Platforms.TargetPlatforms.Slug(p)));
        var defaultRef = $"{repository}:{BuildCacheTag.ForBranch(request.DefaultBranch + platforms)}";
        if (request.Branch is null)
            return new([$"type=registry,ref={defaultRef}"], null, $"registry cache {defaultRef}, read only: the branch is unknown");

        var branchRef = $"{repository}:{BuildCacheTag.ForBranch(request.Branch + platforms)}";
        var from = branchRef == defaultRef
            ? new[] { $"type=registry,ref={branchRef}" }
            : [$"type=registry,ref={branchRef}", $"type=registry,ref={defaultRef}"];
        return new(from, $"type=registry,ref={branchRef},mode=max,ignore-error=true",
            branchRef == defaultRef ? $"registry cache {branchRef}" : $"registry cache {branchRef}, falling back to {defaultRef}");
    }
}
