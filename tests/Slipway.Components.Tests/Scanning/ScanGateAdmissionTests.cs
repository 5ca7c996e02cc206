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
    public void Passes_an_image_whose_own_id_passed_the_scan()
    {
        var decision = ScanGate.Admit(Record(Passed()), allowUnscanned: false);

        Assert.True(decision.Admitted);
        Assert.Null(decision.Reason);
        Assert.Null(decision.Waiver);
    }

    [Fact]
    public void Refuses_an_unscanned_image()
    {
        var decision = ScanGate.Admit(Record(null), false);

        Assert.False(decision.Admitted);
        Assert.Contains("was not scanned", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_image_whose_scan_failed_with_its_blocking_findings()
    {
        var decision = ScanGate.Admit(Record(Passed() with { Passed = false, Blocking = 3 }), false);

        Assert.False(decision.Admitted);
        Assert.Equal(3, decision.Blocking);
        Assert.Contains("3 finding(s) at or above HIGH", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_scan_of_another_image_id() =>
        Assert.Contains("is of sha256:222", ScanGate.Admit(Record(Passed("sha256:2222222222222222222222222222222222222222222222222222222222222222")), false).Reason, StringComparison.Ordinal);

    [Fact]
    public void Allow_unscanned_lets_it_through_with_a_recorded_waiver()
    {
        var decision = ScanGate.Admit(Record(null), allowUnscanned: true);

        Assert.True(decision.Admitted);
        Assert.StartsWith("SCAN GATE WAIVED", decision.Waiver, StringComparison.Ordinal);
        Assert.Equal(decision.Waiver, decision.WaiverOrThrow("Nothing was tagged."));
    }

    [Fact]
    public void A_refusal_is_worded_by_its_caller_and_names_the_ways_out()
    {
        var error = Assert.Throws<BuildFailedException>(() => ScanGate.Admit(Record(null), false).WaiverOrThrow("Nothing was tagged or pushed."));

        Assert.Equal($"The image sha256:111111111111 was not scanned. Nothing was tagged or pushed. {GateDecision.Fix}", error.Message);
    }
}

/// <summary>The gate for an image index: every platform's manifest is scanned, or nothing is tagged.</summary>
public class ScanGateIndexAdmissionTests
{
    private const string Index = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Amd64 = "sha256:aaaa111111111111111111111111111111111111111111111111111111111111";
    private const string Arm64 = "sha256:bbbb111111111111111111111111111111111111111111111111111111111111";

    private static ImageRecord Record(params string[] scanned) => new()
    {
        ImageId = Index, LocalReference = "orders:build", Image = "orders",
        Platforms = [new("linux/amd64", Amd64, "sha256:c1"), new("linux/arm64", Arm64, "sha256:c2")],
        Scan = new ScanRecord { ImageId = Index, Passed = true, Threshold = "HIGH", Platforms = scanned },
    };

    [Fact]
    public void Admits_an_index_whose_every_platform_was_scanned() => Assert.True(ScanGate.Admit(Record(Amd64, Arm64), allowUnscanned: false).Admitted);

    [Fact]
    public void Refuses_an_index_with_an_unscanned_platform()
    {
        var decision = ScanGate.Admit(Record(Amd64), allowUnscanned: false);

        Assert.False(decision.Admitted);
        Assert.Contains("not scanned: linux/arm64", decision.Reason, StringComparison.Ordinal);
    }
}
