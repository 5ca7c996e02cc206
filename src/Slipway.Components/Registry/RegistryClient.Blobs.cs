using System.Net;
using System.Net.Http.Headers;
using Slipway.Components.Destination;
using Slipway.Components.References;

namespace Slipway.Components.Registry;

internal sealed partial class RegistryClient
{
    /// <summary>Whether the repository holds the blob (<c>HEAD /v2/&lt;repo&gt;/blobs/&lt;digest&gt;</c>).</summary>
    public async Task<bool> HasBlobAsync(ImageRepository repository, string digest, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var uri = new Uri(repository.ApiBase, $"{repository.Path}/blobs/{digest}");
        using var response = await SendAsync(HttpMethod.Head, uri, repository, credentials, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode) throw Failure(response, uri, credentials);
        return true;
    }

    /// <summary>
    /// Uploads a blob in one request (<c>POST /blobs/uploads/</c>, then <c>PUT &lt;location&gt;?digest=</c>): the registry
    /// checks the digest, so a changed file cannot be stored under it. Skipped when the repository has the blob already.
    /// Returns true when it was uploaded.
    /// </summary>
    public async Task<bool> PushBlobAsync(ImageRepository repository, string digest, string file, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (await HasBlobAsync(repository, digest, credentials, cancellationToken)) return false;
        var start = new Uri(repository.ApiBase, $"{repository.Path}/blobs/uploads/");
        Uri location;
        using (var started = await SendAsync(HttpMethod.Post, start, repository, credentials, cancellationToken, () => new ByteArrayContent([])))
        {
            if (started.StatusCode != HttpStatusCode.Accepted || started.Headers.Location is not { } next) throw Failure(started, start, credentials);
            location = next.IsAbsoluteUri ? next : new Uri(start, next);
        }
        var separator = location.Query.Length > 0 ? "&" : "?";
        var put = new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest));
        using var stored = await SendAsync(HttpMethod.Put, put, repository, credentials, cancellationToken, () =>
        {
            var content = new StreamContent(File.OpenRead(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return content;
        });
        if (stored.StatusCode != HttpStatusCode.Created) throw Failure(stored, put, credentials);
        return true;
    }

    /// <summary>Downloads a blob into <paramref name="file"/>, checking its digest; fails when the repository lacks it.</summary>
    public async Task DownloadBlobAsync(ImageRepository repository, string digest, string file, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var uri = new Uri(repository.ApiBase, $"{repository.Path}/blobs/{digest}");
        using var response = await SendAsync(HttpMethod.Get, uri, repository, credentials, cancellationToken);
        if (!response.IsSuccessStatusCode) throw Failure(response, uri, credentials);
        await using (var target = File.Create(file))
        {
            await (await response.Content.ReadAsStreamAsync(cancellationToken)).CopyToAsync(target, cancellationToken);
        }
        await using var written = File.OpenRead(file);
        var actual = "sha256:" + Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(written, cancellationToken));
        if (actual != digest) throw new TransientRegistryException($"{repository}@{digest} downloaded as {actual}");
    }
}
