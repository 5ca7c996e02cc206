using Slipway.Components.Destination;
using Slipway.Components.References;
using Serilog;
using Slipway.Components.Images;

namespace Slipway.Components.Registry;

/// <summary>What to push where: the built image, its repository and tags, and how to log in.</summary>
internal sealed record PushRequest
{
    public required ImageRecord Record { get; init; }
    public required ImageRepository Repository { get; init; }
    public required IReadOnlyList<ImageTag> Tags { get; init; }
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>What Tag admitted: the scan gate's decision and the validated tags, which Push trusts rather than checks again.</summary>
    public required TagAdmission Admission { get; init; }
    public string? Version { get; init; }
    public string? Commit { get; init; }
}

/// <summary>The record of a push, the notes for the summary, and the scan waiver when there was one.</summary>
internal sealed record PushResult(ImageRecord Record, string? Waiver)
{
    /// <summary>What the summary says besides the reference: already published, floating tags kept, tags ignored.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Pushes the image Tag admitted (the docker client is already logged in) and looks at what the registry holds. An exact
/// version that already holds this image is "already published" (missing tags are completed); one that holds another
/// image of the same commit is kept, with a warning; one from another commit is refused. Floating tags move only
/// forwards. Every tag is pushed with retries and read back from the registry to compare digests.
/// </summary>
internal sealed class Pusher(DockerImageCommands docker, RegistryClient registry, RetrySettings retry)
{
    public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The scan gate and the tag check ran once, in Tag: what is pushed is what it admitted, for this image only.
        if (!string.Equals(request.Admission.ImageId, request.Record.ImageId, StringComparison.Ordinal))
            throw new BuildFailedException(
                $"The image to push ({request.Record.ImageId}) is not the one Tag admitted ({request.Admission.ImageId}): nothing was pushed. Run Tag again.");
        var waiver = request.Admission.Waiver;
        var tags = request.Tags;
        var repository = request.Repository;

        var notes = new List<string>();
        var published = await PublishedReleaseAsync(request, tags, notes, cancellationToken);
        var floating = await DecideFloatingTagsAsync(request, tags, cancellationToken);
        if (floating.Warning is not null) Log.Warning("{Warning}", floating.Warning);
        if (floating.Kept.Count > 0 || floating.Moved.Count > 0) notes.Add(floating.Summary);
        if (floating.IgnoredNote is not null)
        {
            Log.Information("{Note}", floating.IgnoredNote);
            notes.Add(floating.IgnoredNote);
        }
        var targets = floating.Push;

        string digest;
        if (published is not null)
        {
            digest = published.ManifestDigest;
            await CompleteTagsAsync(repository, targets, digest, request.Credentials, cancellationToken);
        }
        else if (await HeldByAllAsync(request, targets, cancellationToken) is { } held)
        {
            digest = held;
            notes.Add($"already published: {string.Join(", ", targets)} hold {Short(digest)}");
            Log.Information("Already published: {Repository}:{{{Tags}}} already hold this image ({Digest}); nothing was pushed", repository, string.Join(",", targets), digest);
        }
        else if (InRegistry(request) is { } pushed)
        {
            // Already in the repository by digest (an index merged from platform jobs): the tags are manifest copies.
            await CompleteTagsAsync(repository, targets, pushed, request.Credentials, cancellationToken);
            digest = pushed;
        }
        else
        {
            digest = await PushImageAsync(request, targets, cancellationToken);
        }

        await VerifyAsync(repository, targets, digest, request.Credentials, cancellationToken);
        Log.Information("{Repository}@{Digest} is {Tags}", repository, digest, string.Join(", ", targets));

        var alreadyPublished = published is not null || notes.Any(n => n.StartsWith("already published", StringComparison.Ordinal));
        var record = request.Record.Pushed(repository.ToString(), digest, [.. targets.Select(t => t.Value)], alreadyPublished, request.Version, request.Commit);
        return new PushResult(record, waiver) { Notes = notes };
    }

    // An exact version that the registry holds already: this image (already published), another image of the same
    // commit (kept, with a warning), or another commit's (refused: versions are immutable). Null when none exists yet.
    private async Task<RemoteImage?> PublishedReleaseAsync(PushRequest request, IReadOnlyList<ImageTag> tags, List<string> notes, CancellationToken cancellationToken)
    {
        var repository = request.Repository;
        foreach (var tag in tags.Where(t => t.IsExactVersion))
        {
            var existing = await RegistryRetry.RunAsync($"Lookup of {repository}:{tag}", retry,
                ct => registry.GetImageAsync(repository, tag.Value, request.Credentials, ct), cancellationToken);
            if (existing is null) continue;
            if (HalfPushed(request, existing) is { } platform)
            {
                // A push of this build that died halfway left one platform's image under the version: completing it with
                // the index is not moving the version, which holds nothing of another build.
                Log.Information("{Repository}:{Tag} holds only this build's {Platform} image, left by a push that did not finish: pushing the whole index",
                    repository, tag, platform);
                notes.Add($"completed {tag}: it held only the {platform} image of this build");
                return null;
            }
            if (await IsThisImageAsync(request, existing, cancellationToken))
            {
                Log.Information("Already published: {Repository}:{Tag} holds this image ({Digest}); only missing tags are added", repository, tag, existing.ManifestDigest);
                notes.Add($"already published: {tag} holds {Short(existing.ManifestDigest)}");
                return existing;
            }

            var existingRevision = existing.Label(Images.OciLabels.Revision);
            if (existingRevision is not null && existingRevision == request.Record.Revision)
            {
                var why = InRegistry(request) is not null
                    ? "Both are in the registry: compare their platform manifests (docker buildx imagetools inspect)."
                    : await DifferenceAsync(request.Record.ImageId, existing, cancellationToken);
                Log.Warning(
                    "{Repository}:{Tag} already holds {Existing}, built from this commit {Commit}; this build's image is {Ours}. {Why} " +
                    "The published image is kept (versions never move) and nothing of this build is pushed.",
                    repository, tag, existing.ManifestDigest, existingRevision, request.Record.ImageId, why);
                notes.Add($"kept the published {tag} ({Short(existing.ManifestDigest)}, same commit); this build ({Short(request.Record.ImageId)}) differs: {why}");
                return existing;
            }

            throw new BuildFailedException(
                $"{repository}:{tag} already exists with digest {existing.ManifestDigest}, built from commit {existingRevision ?? "(no revision label)"}, " +
                $"and this build's image is {request.Record.ImageId}, from commit {request.Record.Revision ?? request.Commit ?? "(unknown)"}. " +
                "Versions are immutable, so nothing was pushed. Release a new version (tag a new commit) instead of moving this one.");
        }
        return null;
    }

    // The platform of this multi-platform build whose image (its config) a tag holds alone, instead of the index; else null.
    private static string? HalfPushed(PushRequest request, RemoteImage remote) =>
        request.Record.Platforms is { Count: > 1 } platforms && !remote.IsIndex
            ? platforms.FirstOrDefault(p => p.ConfigDigest == remote.ConfigDigest)?.Platform
            : null;

    // The digest of a record whose image is in the destination repository already, not in the engine; else null.
    private static string? InRegistry(PushRequest request) =>
        request.Record.Digest is { } digest && request.Record.Repository == request.Repository.ToString() ? digest : null;

    private async Task<bool> IsThisImageAsync(PushRequest request, RemoteImage remote, CancellationToken cancellationToken)
    {
        var record = request.Record;
        if (InRegistry(request) is { } pushed) return remote.ManifestDigest == pushed;
        // An index is this image when its first platform image has this build's config: a rebuild of the commit may
        // compress a layer anew (another manifest and index digest), but its configs are the same, and every config
        // carries the base image's index digest and the commit in its labels, so no platform changes alone.
        if (record.Platforms is { Count: > 1 } platforms) return remote.IsIndex && remote.ConfigDigest == platforms[0].ConfigDigest;
        if (record.ConfigDigest is not null) return remote.ConfigDigest == record.ConfigDigest;
        if (remote.ManifestDigest == record.ImageId || remote.ConfigDigest == record.ImageId) return true;
        var repoDigests = await docker.RepoDigestsAsync(record.ImageId, cancellationToken);
        return repoDigests.Contains($"{request.Repository}@{remote.ManifestDigest}", StringComparer.Ordinal);
    }

    // Why two images of one commit differ, from their labels (a changed --runtime-image shows as the base image label).
    private async Task<string> DifferenceAsync(string imageId, RemoteImage existing, CancellationToken cancellationToken)
    {
        var ours = await docker.LabelsAsync(imageId, cancellationToken);
        var changed = ours.Keys.Union(existing.Labels.Keys, StringComparer.Ordinal)
            .Where(k => ours.GetValueOrDefault(k) != existing.Label(k))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}: {existing.Label(k) ?? "(none)"} → {ours.GetValueOrDefault(k) ?? "(none)"}")
            .ToList();
        return changed.Count > 0
            ? "They differ in " + string.Join("; ", changed) + "."
            : "Their labels are the same, so a build input outside the commit changed (a base image tag moved, or a build step is not reproducible).";
    }

    private async Task<FloatingTagDecision> DecideFloatingTagsAsync(PushRequest request, IReadOnlyList<ImageTag> tags, CancellationToken cancellationToken)
    {
        var version = request.Version;
        if (version is null || !tags.Any(t => t.IsExactVersion)) return new FloatingTagDecision(version ?? "", tags, [], [], null, null);
        try
        {
            var listed = await RegistryRetry.RunAsync($"Tag list of {request.Repository}", retry,
                ct => registry.ListTagsAsync(request.Repository, request.Credentials, ct), cancellationToken);
            return FloatingTags.Decide(tags, version, listed, null);
        }
        catch (BuildFailedException ex)
        {
            return FloatingTags.Decide(tags, version, null, ex.Message);
        }
    }

    // The digest every tag already holds when each holds this very image; null when any tag is missing or elsewhere.
    private async Task<string?> HeldByAllAsync(PushRequest request, IReadOnlyList<ImageTag> tags, CancellationToken cancellationToken)
    {
        string? digest = null;
        foreach (var tag in tags)
        {
            var remote = await RegistryRetry.RunAsync($"Lookup of {request.Repository}:{tag}", retry,
                ct => registry.GetImageAsync(request.Repository, tag.Value, request.Credentials, ct), cancellationToken);
            if (remote is null || (digest is not null && remote.ManifestDigest != digest) || !await IsThisImageAsync(request, remote, cancellationToken)) return null;
            digest = remote.ManifestDigest;
        }
        return digest;
    }

    // Points the tags that do not hold the published image at it, by copying its manifest inside the repository.
    private async Task CompleteTagsAsync(ImageRepository repository, IReadOnlyList<ImageTag> tags, string digest, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        RegistryManifest? manifest = null;
        foreach (var tag in tags)
        {
            var current = await RegistryRetry.RunAsync($"Lookup of {repository}:{tag}", retry,
                ct => registry.GetDigestAsync(repository, tag.Value, credentials, ct), cancellationToken);
            if (current == digest) continue;
            manifest ??= await RegistryRetry.RunAsync($"Manifest of {repository}@{digest}", retry,
                ct => registry.GetManifestAsync(repository, digest, credentials, ct), cancellationToken)
                ?? throw new BuildFailedException($"{repository}@{digest} vanished from the registry during the push. Run the build again.");
            var stored = await RegistryRetry.RunAsync($"Tagging {repository}:{tag}", retry,
                ct => registry.PutManifestAsync(repository, tag.Value, manifest, credentials, ct), cancellationToken);
            Log.Information("Tagged {Repository}:{Tag} → {Digest} in the registry (it was {Previous})", repository, tag, stored, current ?? "absent");
        }
    }

    private async Task<string> PushImageAsync(PushRequest request, IReadOnlyList<ImageTag> tags, CancellationToken cancellationToken)
    {
        var repository = request.Repository;
        var imageId = request.Record.ImageId;
        foreach (var tag in tags) await docker.TagAsync(imageId, $"{repository}:{tag}", cancellationToken);

        string? digest = null;
        foreach (var tag in tags)
        {
            var reference = $"{repository}:{tag}";
            var pushed = await RegistryRetry.RunAsync($"Push of {reference}", retry, ct => docker.PushAsync(reference, ct), cancellationToken)
                ?? await RegistryRetry.RunAsync($"Digest lookup of {reference}", retry, ct => registry.GetDigestAsync(repository, tag.Value, request.Credentials, ct), cancellationToken)
                ?? throw new BuildFailedException($"docker push {reference} reported no digest and the registry does not list the tag. The push did not complete; run it again.");
            if (digest is not null && pushed != digest)
                throw new BuildFailedException($"{reference} was pushed as {pushed}, but the earlier tags as {digest}. The image changed during the push; run the build again.");
            digest = pushed;
        }

        // The local names are shared by every build on the engine: what went out must be this build's image.
        var remote = await RegistryRetry.RunAsync($"Read-back of {repository}@{digest}", retry,
            ct => registry.GetImageAsync(repository, digest!, request.Credentials, ct), cancellationToken);
        if (remote is null || !await IsThisImageAsync(request, remote, cancellationToken))
        {
            throw new BuildFailedException(
                $"{repository}@{digest} is not this build's image {imageId} (config {remote?.ConfigDigest ?? "unknown"}, revision {remote?.Label(Images.OciLabels.Revision) ?? "unknown"}). " +
                "Another build on this Docker engine re-tagged the same names during the push; run the build again.");
        }
        Log.Information("Pushed {Repository}@{Digest} as {Tags}", repository, digest, string.Join(", ", tags));
        return digest!;
    }

    private async Task VerifyAsync(ImageRepository repository, IReadOnlyList<ImageTag> tags, string digest, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            var remote = await RegistryRetry.RunAsync($"Read-back of {repository}:{tag}", retry,
                ct => registry.GetDigestAsync(repository, tag.Value, credentials, ct), cancellationToken);
            if (remote != digest)
            {
                throw new BuildFailedException(
                    $"After the push, {repository}:{tag} points at {remote ?? "nothing"}, not at the pushed {digest}. " +
                    "Another push may have raced this one; check the registry and run the build again.");
            }
        }
        Log.Information("Verified {Count} tag(s) in the registry: all point at {Digest}", tags.Count, digest);
    }

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
