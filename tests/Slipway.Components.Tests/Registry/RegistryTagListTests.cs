using Slipway.Components.References;
using System.Net;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class RegistryTagListTests
{
    private static readonly ImageRepository Orders = ImageRepository.Combine("registry.example.com/acme", "orders");

    private static HttpResponseMessage Page(string tagsJson, string? link = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"name":"acme/orders","tags":{{tagsJson}}}""") };
        if (link is not null) response.Headers.TryAddWithoutValidation("Link", link);
        return response;
    }


    [Fact]
    public async Task Follows_the_link_headers_through_every_page()
    {
        var fake = new FakeRegistry(request => request.RequestUri!.Query switch
        {
            "?n=1000" => Page("""["1.0.0","1.1.0"]""", """</v2/acme/orders/tags/list?last=1.1.0&n=1000>; rel="next" """),
            "?last=1.1.0&n=1000" => Page("""["1.2.0"]""",
                """</v2/acme/orders/tags/list?n=1000>; rel="prev", </v2/acme/orders/tags/list?last=1.2.0&n=1000>; rel="next" """),
            "?last=1.2.0&n=1000" => Page("""["2.0.0","stable"]"""),
            _ => new HttpResponseMessage(HttpStatusCode.BadRequest),
        });
        using var client = new RegistryClient(fake);

        var tags = await client.ListTagsAsync(Orders, credentials: null);

        Assert.Equal(["1.0.0", "1.1.0", "1.2.0", "2.0.0", "stable"], tags);
        Assert.Equal(
            [
                "https://registry.example.com/v2/acme/orders/tags/list?n=1000",
                "https://registry.example.com/v2/acme/orders/tags/list?last=1.1.0&n=1000",
                "https://registry.example.com/v2/acme/orders/tags/list?last=1.2.0&n=1000",
            ],
            fake.Requests.Select(r => r.RequestUri!.ToString()));
        Assert.All(fake.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    [Fact]
    public async Task A_repository_that_does_not_exist_yet_has_no_tags()
    {
        var fake = new FakeRegistry(_ => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}"""),
        });
        using var client = new RegistryClient(fake);

        var tags = await client.ListTagsAsync(ImageRepository.Combine("localhost:5000", "orders"), null);

        Assert.Empty(tags);
        Assert.Equal("http://localhost:5000/v2/orders/tags/list?n=1000", Assert.Single(fake.Requests).RequestUri!.ToString());
    }

    [Fact]
    public async Task A_null_tag_list_is_empty()
    {
        using var client = new RegistryClient(new FakeRegistry(_ => Page("null")));
        Assert.Empty(await client.ListTagsAsync(Orders, null));
    }

    [Fact]
    public async Task Unauthorized_without_credentials_fails_naming_the_registry()
    {
        using var client = new RegistryClient(new FakeRegistry(_ => FakeRegistry.Challenge("Basic realm=\"registry\"")));

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => client.ListTagsAsync(Orders, credentials: null));

        Assert.Contains("registry.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_USERNAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_is_a_clear_failure_naming_the_registry()
    {
        using var client = new RegistryClient(new FakeRegistry(_ => new HttpResponseMessage(HttpStatusCode.Forbidden)));

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => client.ListTagsAsync(Orders, null));

        Assert.Contains("registry.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bearer_token_flow_is_followed_once_and_reused_for_every_page()
    {
        var fake = new FakeRegistry(request => request.RequestUri!.Host switch
        {
            "auth.example.com" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"token":"t0k"}""") },
            _ when request.Headers.Authorization?.Parameter != "t0k" =>
                FakeRegistry.Challenge("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:acme/orders:pull\""),
            _ when request.RequestUri!.Query == "?n=1000" => Page("""["1.0.0"]""", "</v2/acme/orders/tags/list?last=1.0.0&n=1000>; rel=next"),
            _ => Page("""["1.1.0"]"""),
        });
        using var client = new RegistryClient(fake);

        var tags = await client.ListTagsAsync(Orders, credentials: null);

        Assert.Equal(["1.0.0", "1.1.0"], tags);
        var token = Assert.Single(fake.Requests, r => r.RequestUri!.Host == "auth.example.com");
        Assert.Equal("?service=registry.example.com&scope=repository%3Aacme%2Forders%3Apull", token.RequestUri!.Query);
        var pages = fake.Requests.Where(r => r.RequestUri!.Host == "registry.example.com").ToList();
        Assert.Equal(3, pages.Count); // challenged, then both pages with the token
        Assert.All(pages.Skip(1), r => Assert.Equal("Bearer t0k", r.Headers.Authorization?.ToString()));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Server_errors_are_transient(HttpStatusCode status)
    {
        using var client = new RegistryClient(new FakeRegistry(_ => new HttpResponseMessage(status)));
        await Assert.ThrowsAsync<TransientRegistryException>(() => client.ListTagsAsync(Orders, null));
    }

    [Fact]
    public async Task A_next_page_on_another_host_is_refused()
    {
        var fake = new FakeRegistry(_ => Page("""["1.0.0"]""", """<https://elsewhere.example.net/v2/acme/orders/tags/list?last=1.0.0>; rel="next" """));
        using var client = new RegistryClient(fake);

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => client.ListTagsAsync(Orders, null));

        Assert.Contains("elsewhere.example.net", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task A_next_page_pointing_back_is_refused_instead_of_looping()
    {
        using var client = new RegistryClient(new FakeRegistry(_ => Page("""["1.0.0"]""", """</v2/acme/orders/tags/list?n=1000>; rel="next" """)));
        await Assert.ThrowsAsync<BuildFailedException>(() => client.ListTagsAsync(Orders, null));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_tag_list_is_a_clear_failure()
    {
        using var client = new RegistryClient(new FakeRegistry(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>login</html>") }));
        var error = await Assert.ThrowsAsync<BuildFailedException>(() => client.ListTagsAsync(Orders, null));
        Assert.Contains("not a tag list", error.Message, StringComparison.Ordinal);
    }
}
