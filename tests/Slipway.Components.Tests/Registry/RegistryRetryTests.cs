using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class RegistryRetryTests
{
    private static readonly RetrySettings s_fast = new(3, TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task Retries_transient_failures_until_one_succeeds()
    {
        var attempts = 0;
        var result = await RegistryRetry.RunAsync("Push", s_fast, _ =>
            ++attempts < 3 ? throw new TransientRegistryException("connection refused") : Task.FromResult("ok"));
        Assert.Equal("ok", result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Fails_clearly_after_the_last_attempt()
    {
        var attempts = 0;
        var error = await Assert.ThrowsAsync<BuildFailedException>(() => RegistryRetry.RunAsync<string>("Push of x:1", s_fast, _ =>
        {
            attempts++;
            throw new TransientRegistryException("dial tcp 127.0.0.1:5001: connection refused");
        }));
        Assert.Equal(4, attempts);
        Assert.Contains("Push of x:1 failed after 4 attempts: dial tcp 127.0.0.1:5001: connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing more was pushed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_retry_a_permanent_failure()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<BuildFailedException>(() => RegistryRetry.RunAsync<string>("Push", s_fast, _ =>
        {
            attempts++;
            throw new BuildFailedException("denied");
        }));
        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData("dial tcp 127.0.0.1:5001: connect: connection refused", true)]
    [InlineData("received unexpected HTTP status: 503 Service Unavailable", true)]
    [InlineData("net/http: TLS handshake timeout", true)]
    [InlineData("denied: requested access to the resource is denied", false)]
    [InlineData("unauthorized: authentication required", false)]
    public void Knows_transient_docker_errors(string text, bool transient) => Assert.Equal(transient, RegistryRetry.LooksTransient(text));
}
