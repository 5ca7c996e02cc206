using System.Net;
using System.Text;
using Slipway.Components.References;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

/// <summary>An image index read from the registry: every platform's config, attestation entries left out.</summary>
public class RegistryIndexTests
{
    private static string D(char c) => "sha256:" + new string(c, 64);

    private static HttpResponseMessage Json(string body, string mediaType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return response;
    }

    [Fact]
    public async Task An_index_reports_each_platform_images_config_and_its_own_digest()
    {
        var index = ("{'mediaType':'application/vnd.oci.image.index.v1+json','manifests':[" +
            $"{{'digest':'{D('a')}','platform':{{'os':'linux','architecture':'amd64'}}}}," +
            $"{{'digest':'{D('b')}','platform':{{'os':'linux','architecture':'arm64'}}}}," +
            $"{{'digest':'{D('c')}','platform':{{'os':'unknown','architecture':'unknown'}}}}]}}").Replace('\'', '"');
        string Manifest(char config) => $"{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"digest\":\"{D(config)}\"}},\"layers\":[]}}";
        var fake = new FakeRegistry(request => request.RequestUri!.AbsolutePath switch
        {
            var p when p.EndsWith("/manifests/1.4.2", StringComparison.Ordinal) => Json(index, "application/vnd.oci.image.index.v1+json"),
            var p when p.EndsWith("/manifests/" + D('a'), StringComparison.Ordinal) => Json(Manifest('1'), "application/vnd.oci.image.manifest.v1+json"),
            var p when p.EndsWith("/manifests/" + D('b'), StringComparison.Ordinal) => Json(Manifest('2'), "application/vnd.oci.image.manifest.v1+json"),
            var p when p.EndsWith("/blobs/" + D('1'), StringComparison.Ordinal) => Json("""{"config":{"Labels":{"org.opencontainers.image.revision":"abc"}}}""", "application/json"),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        using var client = new RegistryClient(fake);

        var image = await client.GetImageAsync(ImageRepository.Parse("localhost:5000/acme/orders"), "1.4.2", null);

        Assert.NotNull(image);
        Assert.Equal([D('1'), D('2')], image.PlatformConfigDigests);
        Assert.Equal(D('1'), image.ConfigDigest);
        Assert.Equal("abc", image.Label("org.opencontainers.image.revision"));
        Assert.DoesNotContain(fake.Requests, r => r.RequestUri!.AbsolutePath.EndsWith(D('c'), StringComparison.Ordinal));
    }
}
