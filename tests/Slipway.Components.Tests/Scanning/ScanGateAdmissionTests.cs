using Slipway.Components.Images;
using Slipway.Components.Scanning;

namespace Slipway.Components.Tests.Scanning;

/// <summary>The gate's admission of an image for tagging: only an image whose own id passed its scan, or a loud waiver.</summary>
public class ScanGateAdmissionTests
{
    private const string ImageId = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    internal static ImageRecord Record(ScanRecord? scan) => new() { ImageId = ImageId, LocalReference = "orders:build", Image = "orders", Scan = scan };

    internal static ScanRecord Passed(string imageId = ImageId) => new() { ImageId = imageId, Passed = true, Threshold = "HIGH" };

    [Fact]
    public void Passes_an_image_whose_own_id_passed_the_scan() => Assert.Null(ScanGate.Admit(Record(Passed()), allowUnscanned: false));

    [Fact]
    public void Refuses_an_unscanned_image() =>
        Assert.Contains("was not scanned", Assert.Throws<BuildFailedException>(() => ScanGate.Admit(Record(null), false)).Message, StringComparison.Ordinal);

    [Fact]
    public void Refuses_an_image_whose_scan_failed()
    {
        var failed = Passed() with { Passed = false, Blocking = 3 };
        Assert.Contains("3 finding(s) at or above HIGH", Assert.Throws<BuildFailedException>(() => ScanGate.Admit(Record(failed), false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_scan_of_another_image_id()
    {
        var other = Passed("sha256:2222222222222222222222222222222222222222222222222222222222222222");
        Assert.Contains("is of sha256:222", Assert.Throws<BuildFailedException>(() => ScanGate.Admit(Record(other), false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_unscanned_lets_it_through_with_a_recorded_waiver() =>
        Assert.StartsWith("SCAN GATE WAIVED", ScanGate.Admit(Record(null), allowUnscanned: true), StringComparison.Ordinal);
}
