using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class DotnetSdkTagTests
{
    [Theory]
    [InlineData("10.0.401-noble", "10.0.401", "-noble")]
    [InlineData("10.0.401", "10.0.401", "")]
    [InlineData("8.0.404-bookworm-slim", "8.0.404", "-bookworm-slim")]
    [InlineData("10.0.100-preview.7-noble", "10.0.100-preview.7", "-noble")]
    [InlineData("10.0.100-rc.2.25502.107-alpine3.22", "10.0.100-rc.2.25502.107", "-alpine3.22")]
    public void A_tag_with_a_full_sdk_version_splits_into_version_and_suffix(string tag, string version, string suffix)
    {
        var parsed = DotnetSdkTag.TryParse(tag);

        Assert.Equal(new DotnetSdkTag(version, suffix), parsed);
        Assert.Equal("10.0.402" + suffix, parsed!.WithVersion("10.0.402"));
    }

    [Theory]
    [InlineData("10.0")]
    [InlineData("10.0-noble")]
    [InlineData("latest")]
    [InlineData("lts")]
    [InlineData(null)]
    public void A_floating_tag_names_no_sdk_version(string? tag) => Assert.Null(DotnetSdkTag.TryParse(tag));
}
