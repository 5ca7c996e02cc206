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
    public bool AllowUnscanned { get; init; }
    public string? Version { get; init; }
    public string? Commit { get; init; }
}

/// <summary>The record of a push, and the scan waiver when there was one.</summary>
internal sealed record PushResult(ImageRecord Record, string? Waiver);

/// <summary>
/// Pushes a scanned image: checks the scan gate and the tags, logs in, refuses to move an exact version tag, tags the
/// image id, pushes every tag with retries, and reads every tag back from the registry to compare digests.
/// </summary>
internal sealed class Pusher(DockerPushCommands docker, RegistryClient registry, RetrySettings retry)
{
    public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var waiver = ScanGate.Check(request.Record, request.AllowUnscanned);
        var tags = TagSet.Validate(request.Tags);
        var repository = request.Repository;
        var imageId = request.Record.ImageId;

        if (request.Credentials is { } credentials)
        {
            await RegistryRetry.RunAsync($"Login to {repository.Host}", retry,
                async ct => { await docker.LoginAsync(repository.Host, credentials, ct); return true; }, cancellationToken);
        }
        else
        {
            Log.Information("No login for {Registry}: {Reason}", repository.Host, repository.IsLocal ? "a local registry" : "no credentials given (Docker's stored login is used)");
        }

        await RefuseMovingVersionsAsync(request, tags, cancellationToken);

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

        await VerifyAsync(repository, tags, digest!, request.Credentials, cancellationToken);
        Log.Information("Pushed {Repository}@{Digest} as {Tags}", repository, digest, string.Join(", ", tags));

        var record = request.Record with
        {
            Repository = repository.ToString(),
            Digest = digest,
            Tags = [.. tags.Select(t => t.Value)],
            Version = request.Record.Version ?? request.Version,
            Commit = request.Record.Commit ?? request.Commit,
        };
        return new PushResult(record, waiver);
    }

    // Versions are immutable: an existing exact version tag may only be re-pushed with the same image.
    private async Task RefuseMovingVersionsAsync(PushRequest request, IReadOnlyList<ImageTag> tags, CancellationToken cancellationToken)
    {
        var repository = request.Repository;
        IReadOnlyList<string>? repoDigests = null;
        foreach (var tag in tags.Where(t => t.IsExactVersion))
        {
            var existing = await RegistryRetry.RunAsync($"Lookup of {repository}:{tag}", retry,
                ct => registry.GetDigestAsync(repository, tag.Value, request.Credentials, ct), cancellationToken);
            if (existing is null || existing == request.Record.ImageId) continue;
            repoDigests ??= await docker.RepoDigestsAsync(request.Record.ImageId, cancellationToken);
            if (repoDigests.Contains($"{repository}@{existing}", StringComparer.Ordinal)) continue;
            throw new BuildFailedException(
                $"{repository}:{tag} already exists with digest {existing}, and this build's image is {request.Record.ImageId}. " +
                "Versions are immutable, so nothing was pushed. Release a new version (tag a new commit) instead of moving this one.");
        }
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
}
