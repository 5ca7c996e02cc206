using Slipway.Components.Destination;
using Slipway.Components.References;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class RegistryClientTests
{
    private const string Digest = "sha256:abababababababababababababababababababababababababababababababab";

    private static HttpResponseMessage WithDigest(string digest)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("Docker-Content-Digest", digest);
        return response;
    }

    [Fact]
    public async Task Follows_the_anonymous_bearer_token_flow()
    {
        var fake = new FakeRegistry(request => request.RequestUri!.Host switch
        {
            "auth.example.com" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"token":"t0k"}""") },
            _ when request.Headers.Authorization?.Parameter == "t0k" => WithDigest(Digest),
            _ => FakeRegistry.Challenge("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:acme/orders:pull\""),
        });
        using var client = new RegistryClient(fake);

        var digest = await client.GetDigestAsync(ImageRepository.Combine("registry.example.com/acme", "orders"), "1.2.3", credentials: null);

        Assert.Equal(Digest, digest);
        var tokenRequest = fake.Requests.Single(r => r.RequestUri!.Host == "auth.example.com");
        Assert.Equal("?service=registry.example.com&scope=repository%3Aacme%2Forders%3Apull", tokenRequest.RequestUri!.Query);
        Assert.Null(tokenRequest.Headers.Authorization);
        var manifest = fake.Requests.Last();
        Assert.Equal(HttpMethod.Head, manifest.Method);
        Assert.Equal("https://registry.example.com/v2/acme/orders/manifests/1.2.3", manifest.RequestUri!.ToString());
        Assert.Contains(manifest.Headers.Accept, a => a.MediaType == "application/vnd.oci.image.index.v1+json");
        Assert.Contains(manifest.Headers.Accept, a => a.MediaType == "application/vnd.docker.distribution.manifest.v2+json");
    }

    [Fact]
    public async Task Sends_credentials_to_the_token_service_as_basic_authentication()
    {
        var fake = new FakeRegistry(request => request.RequestUri!.AbsolutePath switch
        {
            "/token" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"access_token":"abc"}""") },
            _ when request.Headers.Authorization?.Scheme == "Bearer" => WithDigest(Digest),
            _ => FakeRegistry.Challenge("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\""),
        });
        using var client = new RegistryClient(fake);

        await client.GetDigestAsync(ImageRepository.Combine("ghcr.io/acme", "orders"), "1.2.3", new RegistryCredentials("me", "pw"));

        var token = fake.Requests.Single(r => r.RequestUri!.AbsolutePath == "/token");
        Assert.Equal("Basic", token.Headers.Authorization!.Scheme);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("me:pw")), token.Headers.Authorization.Parameter);
        Assert.Contains("scope=repository%3Aacme%2Forders%3Apull", token.RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tag_is_null()
    {
        using var client = new RegistryClient(new FakeRegistry(_ => new HttpResponseMessage(HttpStatusCode.NotFound)));
        Assert.Null(await client.GetDigestAsync(ImageRepository.Combine("localhost:5000", "orders"), "9.9.9", null));
    }

    [Fact]
    public async Task Without_a_digest_header_the_digest_is_the_hash_of_the_manifest()
    {
        var manifest = """{"schemaVersion":2}"""u8.ToArray();
        using var client = new RegistryClient(new FakeRegistry(r => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(r.Method == HttpMethod.Get ? manifest : []) }));
        var digest = await client.GetDigestAsync(ImageRepository.Combine("localhost:5000", "orders"), "1.0.0", null);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest)), digest);
    }

    [Fact]
    public async Task Server_errors_are_transient() =>
        await Assert.ThrowsAsync<TransientRegistryException>(async () =>
        {
            using var client = new RegistryClient(new FakeRegistry(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
            await client.GetDigestAsync(ImageRepository.Combine("localhost:5000", "orders"), "1.0.0", null);
        });

    [Fact]
    public async Task Refused_access_is_a_clear_failure_not_a_retry()
    {
        using var client = new RegistryClient(new FakeRegistry(_ => new HttpResponseMessage(HttpStatusCode.Forbidden)));
        var error = await Assert.ThrowsAsync<BuildFailedException>(() => client.GetDigestAsync(ImageRepository.Combine("ghcr.io/acme", "orders"), "1.0.0", null));
        Assert.Contains("REGISTRY_USERNAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_registry_is_transient()
    {
        using var client = new RegistryClient(timeout: TimeSpan.FromSeconds(5));
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        await Assert.ThrowsAsync<TransientRegistryException>(() => client.GetDigestAsync(ImageRepository.Combine("127.0.0.1:9", "orders"), "1.0.0", null));
    }
}
