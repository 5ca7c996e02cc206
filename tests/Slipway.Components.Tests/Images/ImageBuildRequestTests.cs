using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Images;

public class ImageBuildRequestTests
{
    private static ImageBuildRequest Valid() => new()
    {
        Dockerfile = RepositoryPaths.SampleService / "Dockerfile",
        ContextDirectory = RepositoryPaths.SampleService,
        Image = "sample-service",
        LocalCacheDirectory = AbsolutePath.Create("/tmp/cache"),
    };

    private static string Error(ImageBuildRequest request) =>
        Assert.Throws<BuildFailedException>(request.Validate).Message;

    [Fact]
    public void Valid_request_passes() => Valid().Validate();

    [Fact]
    public void Missing_Dockerfile_names_the_path_and_the_option() =>
        Assert.Contains("--dockerfile", Error(Valid() with { Dockerfile = RepositoryPaths.SampleService / "Nope.Dockerfile" }), StringComparison.Ordinal);

    [Theory]
    [InlineData("sample-service:latest")]
    [InlineData("sample-service@sha256:aa")]
    public void Image_with_a_tag_or_digest_is_rejected(string image) =>
        Assert.Contains("repository name only", Error(Valid() with { Image = image }), StringComparison.Ordinal);

    [Fact]
    public void Upper_case_image_is_rejected() =>
        Assert.Contains("not a valid image name", Error(Valid() with { Image = "Sample" }), StringComparison.Ordinal);

    [Fact]
    public void Rejects_latest_base_image() =>
        Assert.Contains("Pin the base image by digest", Error(Valid() with { RuntimeImage = "mcr.microsoft.com/dotnet/aspnet:latest" }), StringComparison.Ordinal);

    [Fact]
    public void Local_reference_is_unique_to_each_build()
    {
        var first = Valid().LocalReference;
        var second = Valid().LocalReference;

        Assert.Matches("^sample-service:build-[0-9a-f]{12}$", first);
        Assert.NotEqual(first, second);
    }
}
