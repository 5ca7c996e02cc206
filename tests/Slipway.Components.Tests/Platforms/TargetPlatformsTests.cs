using Slipway.Components.Platforms;

namespace Slipway.Components.Tests.Platforms;

public class TargetPlatformsTests
{
    [Fact]
    public void Comma_separated_and_repeated_items_give_each_platform_once_in_order()
    {
        var platforms = TargetPlatforms.Parse(["linux/amd64,linux/arm64", "linux/amd64"]);

        Assert.Equal(["linux/amd64", "linux/arm64"], platforms.Values);
        Assert.True(platforms.IsMultiPlatform);
        Assert.Equal("linux/amd64,linux/arm64", platforms.BuildxArgument);
    }

    [Fact]
    public void Aliases_are_the_OCI_names() =>
        Assert.Equal(["linux/arm64", "linux/amd64"], TargetPlatforms.Parse(["linux/arm64/v8", "LINUX/X86_64"]).Values);

    [Fact]
    public void No_platform_is_the_builders_own_and_one_manifest()
    {
        var platforms = TargetPlatforms.Parse([]);

        Assert.Empty(platforms.Values);
        Assert.False(platforms.IsMultiPlatform);
        Assert.Null(platforms.BuildxArgument);
    }

    [Fact]
    public void One_platform_is_not_an_index() => Assert.False(TargetPlatforms.Parse(["linux/arm64"]).IsMultiPlatform);

    [Fact]
    public void An_unknown_platform_is_refused_with_the_accepted_ones()
    {
        var error = Assert.Throws<BuildFailedException>(() => TargetPlatforms.Parse(["linux/amd64,linux/sparc"]));

        Assert.Contains("'linux/sparc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Accepted: linux/amd64, linux/arm64, linux/arm/v7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_becomes_a_file_name_part() => Assert.Equal("linux-arm-v7", TargetPlatforms.Slug("linux/arm/v7"));
}
