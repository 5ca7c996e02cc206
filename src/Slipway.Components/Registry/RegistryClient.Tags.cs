using Slipway.Components.Destination;
using Slipway.Components.References;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Slipway.Components.Registry;

internal sealed partial class RegistryClient
{
    private const int TagPageSize = 1000;
    private const int MaxTagPages = 1000;

    /// <summary>
    /// Every tag of a repository (<c>GET /v2/&lt;repo&gt;/tags/list?n=1000</c>), following the registry's
    /// <c>Link: &lt;…&gt;; rel="next"</c> pages; an empty list when the repository does not exist yet (404).
    /// Uses the same authentication as <see cref="GetDigestAsync"/>.
    /// </summary>
    /// <exception cref="TransientRegistryException">The registry could not be reached or answered 5xx/429.</exception>
    /// <exception cref="BuildFailedException">
    /// The registry refused the request (401/403, e.g. no credentials), answered something that is not a tag list,
    /// or pointed its next page at another host or back at a page already read.
    /// </exception>
    public async Task<IReadOnlyList<string>> ListTagsAsync(ImageRepository repository, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pages = new HashSet<string>(StringComparer.Ordinal);
        Uri? uri = new(repository.ApiBase, $"{repository.Path}/tags/list?n={TagPageSize}");
        while (uri is not null)
        {
            if (!pages.Add(uri.AbsoluteUri))
                throw new BuildFailedException($"{uri.Authority} pointed the tag list of {repository} back at a page already read ({uri.PathAndQuery}).");
            if (pages.Count > MaxTagPages)
                throw new BuildFailedException($"{uri.Authority} sent more than {MaxTagPages} pages of tags for {repository}; stopped listing.");

            using var response = await SendAsync(HttpMethod.Get, uri, repository, credentials, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound && pages.Count == 1) return [];
            if (!response.IsSuccessStatusCode) throw Failure(response, uri, credentials);
            foreach (var tag in await ReadTagPageAsync(response, uri, repository, cancellationToken))
            {
                if (seen.Add(tag)) tags.Add(tag);
            }
            uri = NextTagPage(response, uri, repository);
        }
        return tags.AsReadOnly();
    }

    // {"name":"acme/orders","tags":["1.0.0","1.0"]}; some registries send "tags":null for a repository without tags.
    private static async Task<List<string>> ReadTagPageAsync(HttpResponseMessage response, Uri uri, ImageRepository repository, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (json.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("the answer is not a JSON object");
            if (!json.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null) return [];
            if (tags.ValueKind != JsonValueKind.Array) throw new JsonException("'tags' is not an array");
            return [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)];
        }
        catch (JsonException ex)
        {
            throw new BuildFailedException($"{uri.Authority} answered the tag list of {repository} with something that is not a tag list ({ex.Message}).");
        }
    }

    // Link: </v2/acme/orders/tags/list?last=1.2.4&n=1000>; rel="next" — relative to the registry, never to another host.
    private static Uri? NextTagPage(HttpResponseMessage response, Uri uri, ImageRepository repository)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (Match link in values.SelectMany(v => LinkValue().Matches(v)))
        {
            var relations = link.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!relations.Contains("next", StringComparer.OrdinalIgnoreCase)) continue;
            if (!Uri.TryCreate(uri, link.Groups["target"].Value.Trim(), out var next))
                throw new BuildFailedException($"{uri.Authority} sent a next page of tags for {repository} that is not an address ('{link.Groups["target"].Value}').");
            var api = repository.ApiBase;
            if (next.Scheme != api.Scheme || !string.Equals(next.Authority, api.Authority, StringComparison.OrdinalIgnoreCase))
                throw new BuildFailedException($"{uri.Authority} pointed the next page of tags for {repository} at {next.Authority}; credentials are not sent to another host.");
            return next;
        }
        return null;
    }

    // One link-value of a Link header: <target>; param; rel="next" (the quotes optional, several relations space-separated).
    [GeneratedRegex(@"<(?<target>[^>]*)>[^<]*?;\s*rel\s*=\s*(?:""(?<rel>[^""]*)""|(?<rel>[^;,\s]+))", RegexOptions.IgnoreCase)]
    private static partial Regex LinkValue();
}
