using Slipway.Components.Catalog;
using Slipway.Components.Images;
using Slipway.Components.Scanning;

namespace Slipway.Components.Registry;

/// <summary>
/// The images of one commit are one release: Tag admits every selected image through the scan gate before it tags any,
/// and refuses the whole set, naming each refused image and why, when one of them does not pass.
/// </summary>
internal static class ReleaseSet
{
    /// <summary>
    /// Each image with its record and waiver (null when its own scan passed), when every image passed the gate; else a
    /// refusal naming the refused images. <paramref name="imagesInRepository"/>: one keeps today's one-image wording.
    /// </summary>
    public static IReadOnlyList<(ContainerImage Image, ImageRecord Record, string? Waiver)> Admit(IReadOnlyList<ContainerImage> images, bool allowUnscanned, int imagesInRepository)
    {
        ArgumentNullException.ThrowIfNull(images);
        const string Consequence = "Nothing was tagged or pushed.";
        var admitted = new List<(ContainerImage, ImageRecord, string?)>();
        var refused = new List<string>();
        foreach (var image in images)
        {
            var record = ImageRecord.Read(image.RecordFile)
                ?? throw new BuildFailedException($"{image.RecordFile} does not exist, so there is no image {image.Name} to tag. Run DockerBuild and TrivyScan first; nothing was tagged.");
            var decision = ScanGate.Admit(record, allowUnscanned);
            if (imagesInRepository == 1) admitted.Add((image, record, decision.WaiverOrThrow(Consequence)));
            else if (decision.Admitted) admitted.Add((image, record, decision.Waiver));
            else refused.Add($"{image.Name}: {decision.Reason}");
        }
        if (refused.Count > 0)
        {
            throw new BuildFailedException(
                $"{refused.Count} of {images.Count} images did not pass the scan gate, and the images of a commit are released together:\n  " +
                string.Join("\n  ", refused) + $"\nNothing of any image was tagged or pushed. {GateDecision.Fix}");
        }
        return admitted;
    }
}
