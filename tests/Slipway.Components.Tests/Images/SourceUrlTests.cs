using Slipway.Components.Images;

namespace Slipway.Components.Tests.Images;

public class SourceUrlTests
{
    [Theory]
    [InlineData("git@github.com:acme/orders.git", "https://github.com/acme/orders")]
    [InlineData("https://github.com/acme/orders.git", "https://github.com/acme/orders")]
    [InlineData("https://gitlab-ci-token:glcbt-SECRET@gitlab.example.com/group/sub/orders.git", "https://gitlab.example.com/group/sub/orders")]
    [InlineData("https://x-access-token:ghs_SECRET@github.com/acme/orders", "https://github.com/acme/orders")]
    [InlineData("ssh://git@gitlab.example.com:2222/group/orders.git", "https://gitlab.example.com/group/orders")]
    [InlineData("https://git.example.com:8443/orders/", "https://git.example.com:8443/orders")]
    [InlineData("http://localhost:3000/acme/orders.git", "http://localhost:3000/acme/orders")]
    public void Remote_becomes_a_web_address_without_credentials(string remote, string source) =>
        Assert.Equal(source, SourceUrl.FromRemote(remote));

    [Theory]
    [InlineData("/srv/git/orders.git")]
    [InlineData("../orders")]
    [InlineData("file:///srv/git/orders.git")]
    [InlineData("")]
    public void Local_remote_gives_no_source(string remote) => Assert.Null(SourceUrl.FromRemote(remote));
}
