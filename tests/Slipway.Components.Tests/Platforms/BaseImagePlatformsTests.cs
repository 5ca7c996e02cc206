using Slipway.Components.Images;

namespace Slipway.Components.Tests.Platforms;

public class BaseImagePlatformsTests
{
    [Fact]
    public void One_manifest_has_the_platform_of_its_config() =>
        Assert.Equal(["linux/amd64"], BaseImagePlatforms.Parse("""{"architecture":"amd64","os":"linux","config":{}}"""));

    [Fact]
    public void An_index_has_its_platforms_without_attestations() =>
        Assert.Equal(["linux/amd64", "linux/arm64"], BaseImagePlatforms.Parse(
            """{"linux/amd64":{"architecture":"amd64","os":"linux"},"linux/arm64/v8":{"architecture":"arm64","os":"linux","variant":"v8"},"unknown/unknown":{"architecture":"unknown","os":"unknown"}}"""));
}
