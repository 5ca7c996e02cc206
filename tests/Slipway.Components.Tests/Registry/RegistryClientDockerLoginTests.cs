using System.Net;
using System.Text;
using Slipway.Components.Destination;
using Slipway.Components.References;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

/// <summary>The registry client with Docker's own login (no credentials given to Slipway): looked up when the registry asks, identity tokens exchanged as docker does.</summary>
public sealed class RegistryClientDockerLoginTests : IDisposable
{
    private const string Digest = "sha256:cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
    private readonly string _config = Directory.CreateTempSubdirectory("slipway-docker-config-").FullName;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private RegistryCredentials DockerLogin(string host, string configJson)
    {
        File.WriteAllText(Path.Combine(_config, "config.json"), configJson);
        return RegistryCredentials.DockerLogin(host, new DockerLogins(new Dictionary<string, string> { ["DOCKER_CONFIG"] = _config }));
    }

    private static HttpResponseMessage WithDigest()
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("Docker-Content-Digest", Digest);
        return response;
    }

    [Fact]
    public async Task An_identity_token_is_exchanged_at_the_realm_as_a_refresh_token()
    {
        var token = "idt-" + Guid.NewGuid().ToString("N");
        string? form = null;
        var fake = new FakeRegistry(request => request.RequestUri!.Host switch
        {
            "login.example.com" when request.Method == HttpMethod.Post => Answer(form = request.Content!.ReadAsStringAsync().Result),
            "login.example.com" => new HttpResponseMessage(HttpStatusCode.Unauthorized),
            _ when request.Headers.Authorization?.Parameter == "access-1" => WithDigest(),
            _ => FakeRegistry.Challenge("Bearer realm=\"https://login.example.com/oauth2/token\",service=\"acr.example.com\",scope=\"repository:acme/orders:pull\""),
        });
        using var client = new RegistryClient(fake);
        var login = DockerLogin("acr.example.com", $$$$"""{"auths":{"acr.example.com":{"identitytoken":"{{{{token}}}}"}}}""");

        Assert.Equal(Digest, await client.GetDigestAsync(ImageRepository.Combine("acr.example.com/acme", "orders"), "1.0.0", login));
        Assert.Contains("grant_type=refresh_token", form, StringComparison.Ordinal);
        Assert.Contains("refresh_token=" + token, form, StringComparison.Ordinal);
        Assert.Contains("scope=repository%3Aacme%2Forders%3Apull", form, StringComparison.Ordinal);
        Assert.Contains("service=acr.example.com", form, StringComparison.Ordinal);

        static HttpResponseMessage Answer(string _) => new(HttpStatusCode.OK) { Content = new StringContent("""{"access_token":"access-1"}""") };
    }

    [Fact]
    public async Task A_password_login_from_docker_is_sent_to_the_token_service_as_basic_authentication()
    {
        var fake = new FakeRegistry(request => request.RequestUri!.Host switch
        {
            "auth.example.com" when request.Headers.Authorization?.Parameter == Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret-pw"))
                => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"token":"t1"}""") },
            "auth.example.com" => new HttpResponseMessage(HttpStatusCode.Unauthorized),
            _ when request.Headers.Authorization?.Parameter == "t1" => WithDigest(),
            _ => FakeRegistry.Challenge("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\""),
        });
        using var client = new RegistryClient(fake);
        var login = DockerLogin("registry.example.com",
            $$$$"""{"auths":{"registry.example.com":{"auth":"{{{{Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret-pw"))}}}}"}}}""");

        Assert.Equal(Digest, await client.GetDigestAsync(ImageRepository.Combine("registry.example.com/acme", "orders"), "1.0.0", login));
    }

    [Fact]
    public async Task A_registry_that_wants_a_password_names_docker_login_when_docker_has_none()
    {
        var fake = new FakeRegistry(_ => FakeRegistry.Challenge("Basic realm=\"private\""));
        using var client = new RegistryClient(fake);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() =>
            client.GetDigestAsync(ImageRepository.Combine("private.example.com/acme", "orders"), "1.0.0", DockerLogin("private.example.com", "{}")));

        Assert.Contains("Docker's configuration has no login for it", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"Run DOCKER_CONFIG={_config} docker login private.example.com,", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_looked_up_for_a_registry_that_asks_for_no_login()
    {
        var fake = new FakeRegistry(_ => WithDigest());
        using var client = new RegistryClient(fake);
        var login = DockerLogin("open.example.com", "{\"credsStore\":\"nosuchhelper\"}");

        Assert.Equal(Digest, await client.GetDigestAsync(ImageRepository.Combine("open.example.com/acme", "orders"), "1.0.0", login));
        Assert.False(login.TryGetResolved(out _));
    }
}
