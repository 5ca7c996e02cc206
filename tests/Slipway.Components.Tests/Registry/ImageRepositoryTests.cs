using Slipway.Components.References;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class ImageRepositoryTests
{
    private static readonly Dictionary<string, string> s_noEnvironment = [];

    [Theory]
    [InlineData("ghcr.io/acme", "orders", "ghcr.io", "acme/orders")]
    [InlineData("localhost:5000", "orders", "localhost:5000", "orders")]
    [InlineData("registry.gitlab.com/group/sub/", "my-api", "registry.gitlab.com", "group/sub/my-api")]
    [InlineData("127.0.0.1:5001", "a.b_c", "127.0.0.1:5001", "a.b_c")]
    public void Combines_registry_and_image(string registry, string image, string host, string path)
    {
        var repository = ImageRepository.Combine(registry, image);
        Assert.Equal(host, repository.Host);
        Assert.Equal(path, repository.Path);
    }

    [Theory]
    [InlineData("https://ghcr.io/acme", "orders", "scheme")]
    [InlineData("acme", "orders", "registry host")]
    [InlineData("ghcr.io/Acme", "orders", "not a valid image name")]
    [InlineData("ghcr.io/acme", "Orders", "not a valid image name")]
    [InlineData("ghcr.io/acme", "orders--", "not a valid image name")]
    [InlineData("ghcr.io:99x/acme", "orders", "registry host")]
    public void Rejects_malformed_registry_or_image_names(string registry, string image, string expected) =>
        Assert.Contains(expected, Assert.Throws<BuildFailedException>(() => ImageRepository.Combine(registry, image)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("localhost:5000", true)]
    [InlineData("127.0.0.1:5001", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("ghcr.io", false)]
    [InlineData("localhost.example.com", false)]
    public void Knows_a_local_registry(string host, bool local) => Assert.Equal(local, ImageRepository.IsLocalHost(host));

    [Fact]
    public void Local_registry_is_reached_over_plain_http() =>
        Assert.Equal("http://localhost:5000/v2/", ImageRepository.Combine("localhost:5000", "x").ApiBase.ToString());
}
