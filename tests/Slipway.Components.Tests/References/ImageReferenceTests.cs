using Slipway.Components.References;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.References;

public class ImageReferenceTests
{
    [Fact]
    public void Splits_registry_with_port_tag_and_digest()
    {
        var image = ImageReference.Parse("localhost:5000/dotnet/sdk:10.0.401-bookworm@" + Digest);

        Assert.Equal(("localhost:5000/dotnet/sdk", "10.0.401-bookworm", Digest), (image.Name, image.Tag, image.Digest));
        Assert.Equal("localhost:5000/dotnet/sdk", image.Repository!.ToString());
        Assert.True(image.HasSha256Digest);
    }

    [Fact]
    public void A_registry_port_is_not_a_tag()
    {
        var image = ImageReference.Parse("localhost:5000/app");

        Assert.Equal(("localhost:5000/app", null, null), (image.Name, image.Tag, image.Digest));
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

    [Theory]
    [InlineData("alpine", "docker.io/library/alpine", null)]
    [InlineData("alpine:3.20", "docker.io/library/alpine", "3.20")]
    [InlineData("bitnami/redis:7", "docker.io/bitnami/redis", "7")]
    [InlineData("localhost:5000/base/debian:bookworm-minbase", "localhost:5000/base/debian", "bookworm-minbase")]
    public void Applies_docker_hub_defaults(string text, string repository, string? tag)
    {
        var reference = ImageReference.TryParseLiteral(text)!;
        Assert.Equal(repository, reference.Repository!.ToString());
        Assert.Equal(tag, reference.Tag);
    }

    [Theory]
    [InlineData("${BASE}")]
    [InlineData("scratch")]
    [InlineData("debian@sha256:short")]
    [InlineData("Upper/Case:1")]
    [InlineData("app:bad tag")]
    public void Ignores_what_is_not_a_literal_image_reference(string text) => Assert.Null(ImageReference.TryParseLiteral(text));

    [Fact]
    public void Replaces_or_adds_the_digest_keeping_the_text_as_written() =>
        Assert.Equal("alpine:3.20@" + Digest, ImageReference.Parse("alpine:3.20@sha256:" + new string('0', 64)).WithDigest(Digest));
}
