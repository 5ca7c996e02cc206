using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class ImageReferenceTests
{
    [Fact]
    public void Splits_registry_with_port_tag_and_digest()
    {
        var image = ImageReference.Parse("localhost:5000/dotnet/sdk:10.0.401-bookworm@" + Digest);

        Assert.Equal(("localhost:5000/dotnet/sdk", "10.0.401-bookworm", Digest), (image.Repository, image.Tag, image.Digest));
        Assert.True(image.HasSha256Digest);
    }

    [Fact]
    public void A_registry_port_is_not_a_tag()
    {
        var image = ImageReference.Parse("localhost:5000/app");

        Assert.Equal(("localhost:5000/app", null, null), (image.Repository, image.Tag, image.Digest));
    }

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0", true)]
    [InlineData("localhost:5000/dotnet/sdk@" + Digest, true)]
    [InlineData("mcr.microsoft.com/dotnet/nightly/sdk:10.0", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0", false)]
    [InlineData("acme/sdk:1", false)]
    public void Recognises_dotnet_sdk_images(string reference, bool sdk) =>
        Assert.Equal(sdk, ImageReference.Parse(reference).IsDotnetSdk);

    [Fact]
    public void Accepts_only_full_sha256_digests() =>
        Assert.False(ImageReference.Parse("app:1@sha256:abc").HasSha256Digest);
}
