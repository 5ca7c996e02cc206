using Slipway.Components.Catalog;
using Slipway.Components.Images;
using Slipway.Components.References;
using Slipway.Components.Signing;

namespace Slipway.Components.Release;

/// <summary>The published digest Verify, Promote and Rescan work on, and the cosign client that reaches its registry.</summary>
internal sealed record PublishedImage(string Reference, ImageReference Parsed, Cosign Cosign)
{
    /// <summary>The login of the image's registry, when it is the run's destination and has one.</summary>
    public Destination.RegistryCredentials? Credentials { get; init; }

    /// <summary>The digest, <c>sha256:…</c>.</summary>
    public string Digest => Parsed.Digest!;

    /// <summary>
    /// What Verify, Promote and Rescan work on, in turn: the digest <c>--image repository@sha256:…</c> names (null: no
    /// image of the repository), else each selected image's published digest.
    /// </summary>
    public static IReadOnlyList<ContainerImage?> Targets(IContainerImage build) =>
        ImageNames.IsReference(build.Image) ? [null] : [.. build.ImagesToPublish];

    /// <summary>Adds <paramref name="note"/> about <paramref name="image"/> (null: the digest <c>--image</c> names) to the running target's summary row.</summary>
    public static void Report(IContainerImage build, ContainerImage? image, string note)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (image is null) build.ReportSummary(note);
        else build.ReportSummary(image, note);
    }

    /// <summary>
    /// <c>--image repository@sha256:…</c> when <paramref name="image"/> is null (a tag is refused: a tag can move), else
    /// the digest Push recorded in <paramref name="image"/>'s record; throws with the fix when there is neither.
    /// </summary>
    public static async Task<PublishedImage> ResolveAsync(IContainerImage build, string target, ContainerImage? image)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (image is null)
        {
            var given = ImageReference.TryParseLiteral(build.Image);
            if (given is not { HasSha256Digest: true } || given.Repository is null)
                throw new BuildFailedException($"{target} checks a digest, not a tag: --image '{build.Image}' is not repository@sha256:<digest>. A tag can move; pass the digest Push recorded (artifacts/image.json \"reference\").");
            return new PublishedImage(build.Image, given, Cosign.Find());
        }
        var record = ImageRecord.Read(image.RecordFile);
        if (record?.Reference is not { } reference)
            throw new BuildFailedException(
                $"There is no published digest to {target.ToLowerInvariant()}: {image.RecordFile.RelativeTo(build.RootDirectory)} " +
                $"{(record is null ? "does not exist" : "records no push")}. Run Publish first, or pass --image <repository>@sha256:<digest>.");
        var parsed = ImageReference.Parse(reference);
        var destination = Destination.ContainerSession.Destination(build, image);
        return new PublishedImage(reference, parsed, await ImageSigner.CosignFor(build))
        {
            Credentials = destination?.Repository.Host == parsed.Repository?.Host ? destination?.Credentials : null,
        };
    }
}
