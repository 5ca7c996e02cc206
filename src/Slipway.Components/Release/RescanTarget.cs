using Semver;
using Serilog;
using Slipway.Components.Catalog;
using Slipway.Components.Destination;
using Slipway.Components.Images;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Signing;

namespace Slipway.Components.Release;

/// <summary>What Rescan scans: the digest given or recorded, else (a scheduled job has no <c>image.json</c>) the registry's newest release.</summary>
internal static class RescanTarget
{
    public static async Task<PublishedImage> ResolveAsync(IRescan build, ContainerImage? image)
    {
        if (image is null || ImageRecord.Read(image.RecordFile)?.Reference is not null)
            return await PublishedImage.ResolveAsync(build, "Rescan", image);

        var destination = RegistryDestination.Require(ContainerSession.Destination(build, image));
        using var registry = new RegistryClient();
        var tags = await registry.ListTagsAsync(destination.Repository, destination.Credentials, Processes.BuildCancellation.Token);
        var newest = tags
            .Select(t => SemVersion.TryParse(t, SemVersionStyles.Strict, out var v) && v.IsRelease && v.Metadata.Length == 0 ? v : null)
            .OfType<SemVersion>()
            .Aggregate((SemVersion?)null, (max, v) => max is null || SemVersion.ComparePrecedence(v, max) > 0 ? v : max)
            ?? throw new BuildFailedException(
                $"There is nothing to rescan: {image.RecordFile.RelativeTo(build.RootDirectory)} records no push and {destination.Repository} has no release tag (X.Y.Z). " +
                "Publish a release first, or pass --image <repository>@sha256:<digest>.");
        var digest = await registry.GetDigestAsync(destination.Repository, newest.ToString(), destination.Credentials, Processes.BuildCancellation.Token)
            ?? throw new BuildFailedException($"{destination.Repository}:{newest} vanished while it was read. Run Rescan again.");
        var reference = $"{destination.Repository}@{digest}";
        Log.Information("Rescanning the newest release {Version}: {Reference}", newest, reference);
        return new PublishedImage(reference, ImageReference.Parse(reference), await ImageSigner.CosignFor(build)) { Credentials = destination.Credentials };
    }
}
