using System.Globalization;
using Semver;
using Serilog;
using Slipway.Components.Destination;
using Slipway.Components.Images;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Signing;

namespace Slipway.Components.Release;

/// <summary>One promotion: the verified source digest, where it goes, and the logins of both registries.</summary>
internal sealed record PromotionRequest
{
    public required PublishedImage Source { get; init; }
    public required RegistryCredentials? SourceCredentials { get; init; }
    public required ImageRepository Target { get; init; }
    public required RegistryCredentials? TargetCredentials { get; init; }
    public required Cosign Cosign { get; init; }
    public RetrySettings Retry { get; init; } = RetrySettings.Default;
}

/// <summary>What a promotion did: the tags applied and those kept where they were.</summary>
internal sealed record PromotionResult(string Reference, IReadOnlyList<string> Tags, IReadOnlyList<string> Notes);

/// <summary>
/// Copies a verified digest with its signatures and attestations to another registry (no rebuild, no docker daemon), then
/// applies the version's tags there under the rules Push follows: an exact version never moves, floating tags move only
/// forwards, and every tag is read back. A conflict stops it before anything is copied; a failed copy before anything is tagged.
/// </summary>
internal static class Promoter
{
    public const string VersionLabel = "org.opencontainers.image.version";
    public const string RevisionLabel = "org.opencontainers.image.revision";

    public static async Task<PromotionResult> PromoteAsync(PromotionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.Source;
        var sourceRepository = source.Parsed.Repository!;
        var digest = source.Digest;
        using var registry = new RegistryClient();

        var image = await RegistryRetry.RunAsync($"Reading {source.Reference}", request.Retry,
            token => Transient(() => registry.GetImageAsync(sourceRepository, digest, request.SourceCredentials, token)), cancellationToken)
            ?? throw new BuildFailedException($"{source.Reference} does not exist in its registry. Check the digest.");
        var version = image.Label(VersionLabel)
            ?? throw new BuildFailedException($"{source.Reference} has no {VersionLabel} label, so it has no version to promote. Promote images Slipway published.");
        var tags = TagsOf(version, image.Label(RevisionLabel));

        // An exact version never moves: a target that holds the version (or the commit's tag) at another digest refuses
        // the whole promotion before anything is copied.
        var exact = tags.Where(t => !IsFloating(t, version)).ToList();
        foreach (var tag in exact)
        {
            var held = await RegistryRetry.RunAsync($"Reading {request.Target}:{tag}", request.Retry,
                token => Transient(() => registry.GetDigestAsync(request.Target, tag, request.TargetCredentials, token)), cancellationToken);
            if (held is not null && held != digest)
                throw new BuildFailedException(
                    $"Promote refused: {request.Target}:{tag} already holds {held}, not {digest}. An exact version never moves; nothing was copied. " +
                    "Promote the digest that tag holds, or publish a new version.");
        }

        IReadOnlyList<string>? listed = null;
        string? listingProblem = null;
        try
        {
            listed = await registry.ListTagsAsync(request.Target, request.TargetCredentials, cancellationToken);
        }
        catch (Exception ex) when (ex is BuildFailedException or HttpRequestException or TaskCanceledException)
        {
            listingProblem = ex.Message;
        }
        var decision = FloatingTags.Decide([.. tags.Select(t => new ImageTag(t))], version, listed, listingProblem);

        var target = $"{request.Target}@{digest}";
        // An index's platform images go first: cosign copy puts an index and its manifests side by side, and a registry
        // refuses the index while it lacks one of them.
        using (var transfer = new RegistryClient(timeout: TimeSpan.FromMinutes(10)))
        {
            var scratch = Path.Combine(Path.GetTempPath(), "slipway-promote-" + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                await new PlatformImageCopier(transfer, request.Retry).CopyAsync(sourceRepository, request.SourceCredentials, request.Target, request.TargetCredentials,
                    digest, scratch, cancellationToken);
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        }
        await RegistryRetry.RunAsync($"Copying {source.Reference} to {request.Target}", request.Retry, async token =>
        {
            var copied = await request.Cosign.CopyAsync(source.Reference, target, token);
            if (!copied.Passed)
            {
                if (RegistryRetry.LooksTransient(copied.Problem ?? "")) throw new TransientRegistryException(copied.Problem ?? "cosign copy failed");
                throw new BuildFailedException($"cosign copy {source.Reference} {target} failed: {copied.Problem}. Nothing was tagged in {request.Target}.");
            }
            return true;
        }, cancellationToken);
        Log.Information("Copied {Source} with its signatures and attestations to {Target}", source.Reference, target);

        var manifest = await registry.GetManifestAsync(request.Target, digest, request.TargetCredentials, cancellationToken)
            ?? throw new BuildFailedException($"{target} is missing right after the copy. Check the registry; nothing was tagged.");
        var applied = new List<string>();
        foreach (var tag in decision.Push.Select(t => t.Value))
        {
            await RegistryRetry.RunAsync($"Tagging {request.Target}:{tag}", request.Retry,
                token => Transient(() => registry.PutManifestAsync(request.Target, tag, manifest, request.TargetCredentials, token)), cancellationToken);
            var readBack = await registry.GetDigestAsync(request.Target, tag, request.TargetCredentials, cancellationToken);
            if (readBack != digest)
                throw new BuildFailedException($"{request.Target}:{tag} reads back as {readBack ?? "nothing"}, not {digest}. Check the registry before promoting again.");
            applied.Add(tag);
            Log.Information("Tagged {Target}:{Tag} → {Digest}", request.Target, tag, digest);
        }
        var notes = decision.Kept.Select(k => k.Reason).ToList();
        if (decision.Warning is not null) notes.Add(decision.Warning);
        return new PromotionResult(target, applied, notes);
    }

    /// <summary>The version's tags: <c>X.Y.Z</c>, <c>X.Y</c> and <c>X</c> (not a bare 0) for a release, the version alone for a pre-release; and <c>sha-&lt;commit&gt;</c>.</summary>
    internal static IReadOnlyList<string> TagsOf(string version, string? revision)
    {
        var tags = new List<string>();
        if (SemVersion.TryParse(version, SemVersionStyles.Strict, out var semver) && semver.IsRelease)
        {
            tags.Add(version);
            tags.Add(string.Create(CultureInfo.InvariantCulture, $"{semver.Major}.{semver.Minor}"));
            if (semver.Major > 0) tags.Add(semver.Major.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            tags.Add(ImageTag.Sanitize(version) ?? throw new BuildFailedException($"The version label '{version}' leaves no valid image tag."));
        }
        if (revision is { Length: >= 7 } commit && !commit.EndsWith(ImageRevision.DirtySuffix, StringComparison.Ordinal) && commit[..7].All(char.IsAsciiHexDigit))
            tags.Add("sha-" + commit[..7].ToLowerInvariant());
        return tags;
    }

    private static bool IsFloating(string tag, string version) =>
        tag != version && !tag.StartsWith("sha-", StringComparison.Ordinal);

    // Network failures become transient (retried); everything else stays as it is.
    private static async Task<T> Transient<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (HttpRequestException ex)
        {
            throw new TransientRegistryException(ex.Message, ex);
        }
    }
}
