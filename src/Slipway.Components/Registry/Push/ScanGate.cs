using Serilog;
using Slipway.Components.Images;

namespace Slipway.Components.Registry;

/// <summary>Only an image whose own id passed the scan may be pushed; <c>--allow-unscanned</c> waives that, loudly.</summary>
internal static class ScanGate
{
    /// <summary>Returns null when the scan allows the push, the waiver text when <paramref name="allowUnscanned"/> let it through; throws otherwise.</summary>
    public static string? Check(ImageRecord record, bool allowUnscanned)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problem = Problem(record);
        if (problem is null) return null;
        if (!allowUnscanned)
            throw new BuildFailedException($"{problem} Nothing was pushed. Run TrivyScan and fix the findings, or waive the gate explicitly with --allow-unscanned.");

        var waiver = $"SCAN GATE WAIVED with --allow-unscanned: {problem}";
        Log.Warning("{Waiver}", waiver);
        return waiver;
    }

    private static string? Problem(ImageRecord record) => record.Scan switch
    {
        null => $"The image {Short(record.ImageId)} was not scanned.",
        { Waived: true } => $"The scan of {Short(record.ImageId)} was waived, not run.",
        var scan when !string.Equals(scan.ImageId, record.ImageId, StringComparison.Ordinal) =>
            $"The scan in image.json is of {Short(scan.ImageId)}, but the image to push is {Short(record.ImageId)}.",
        { Passed: false } scan => $"The scan of {Short(record.ImageId)} failed: {scan.Blocking} finding(s) at or above {scan.Threshold}.",
        _ => null,
    };

    private static string Short(string id) => id.Length > 19 ? id[..19] : id;
}
