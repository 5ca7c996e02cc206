using Slipway.Components.Destination;
using Slipway.Components.References;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Processes;

namespace Slipway.Components.Registry;

/// <summary>
/// Reads manifest digests from a registry's HTTP API (<c>HEAD /v2/&lt;repo&gt;/manifests/&lt;tag&gt;</c>), with the
/// Bearer token flow (anonymous or with credentials) and Basic authentication; plain HTTP for a registry on this machine.
/// </summary>
internal sealed partial class RegistryClient : IDisposable
{
    private static readonly string[] s_manifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly HttpClient _http;
    private readonly Dictionary<string, AuthenticationHeaderValue> _authorizations = new(StringComparer.Ordinal);

    public RegistryClient(HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("slipway-build/1.0");
    }

    /// <summary>The digest a tag (or digest) points at, or null when the registry does not have it.</summary>
    /// <exception cref="TransientRegistryException">The registry could not be reached or answered 5xx/429.</exception>
    /// <exception cref="BuildFailedException">The registry refused the request (e.g. no access).</exception>
    public async Task<string?> GetDigestAsync(ImageRepository repository, string reference, RegistryCredentials? credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var uri = new Uri(repository.ApiBase, $"{repository.Path}/manifests/{reference}");
        using var head = await SendAsync(HttpMethod.Head, uri, repository, credentials, cancellationToken);
        if (head.StatusCode == HttpStatusCode.NotFound) return null;
        if (head.IsSuccessStatusCode && head.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest)
            return digest;
        if (!head.IsSuccessStatusCode && head.StatusCode != HttpStatusCode.MethodNotAllowed) throw Failure(head, uri, credentials);

        // No digest header (or no HEAD support): the digest is the SHA-256 of the manifest bytes.
        using var get = await SendAsync(HttpMethod.Get, uri, repository, credentials, cancellationToken);
        if (get.StatusCode == HttpStatusCode.NotFound) return null;
        if (!get.IsSuccessStatusCode) throw Failure(get, uri, credentials);
        var body = await get.Content.ReadAsByteArrayAsync(cancellationToken);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, ImageRepository repository, RegistryCredentials? credentials,
        CancellationToken cancellationToken, Func<HttpContent>? content = null)
    {
        var key = $"{repository.Host}/{repository.Path}";
        _authorizations.TryGetValue(key, out var authorization);
        var response = await SendOnceAsync(method, uri, authorization, cancellationToken, content);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        // Docker's own login (credentials not given to Slipway) is looked up only now, when the registry asks for one.
        var login = credentials is null ? null : await credentials.ResolveAsync(cancellationToken);
        authorization = challenge?.Scheme.ToUpperInvariant() switch
        {
            "BEARER" => await RequestTokenAsync(challenge.Parameter ?? "", repository, login, cancellationToken),
            "BASIC" when login is { IsIdentityToken: true } => throw new BuildFailedException(
                $"{repository.Host} wants a user name and password, but the login for it is {login.Describe()}, which only buys a Bearer token. " +
                $"Run {LoginCommand(repository.Host, login)} with a password, or pass --registry-username/--registry-password (REGISTRY_USERNAME/REGISTRY_PASSWORD)."),
            "BASIC" when login is not null => Basic(login),
            _ => throw new BuildFailedException($"{repository.Host} requires credentials to read {repository}, and {(credentials is { IsDeferred: true } ? "Docker's configuration has no login for it" : "none were given")}. " +
                $"Run {LoginCommand(repository.Host, credentials)}, or set REGISTRY_USERNAME and REGISTRY_PASSWORD."),
        };
        _authorizations[key] = authorization;
        return await SendOnceAsync(method, uri, authorization, cancellationToken, content);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, Uri uri, AuthenticationHeaderValue? authorization,
        CancellationToken cancellationToken, Func<HttpContent>? content = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
        foreach (var type in s_manifestTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        request.Headers.Authorization = authorization;
        try
        {
            using var waiting = Tool.Waiting($"registry {uri.Authority}");
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientRegistryException($"{uri.Authority} could not be reached ({ex.Message})", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientRegistryException($"{uri.Authority} did not answer within {_http.Timeout.TotalSeconds:0}s", ex);
        }
    }

    // WWW-Authenticate: Bearer realm="https://auth/token",service="registry",scope="repository:x:pull"
    private async Task<AuthenticationHeaderValue> RequestTokenAsync(string parameters, ImageRepository repository, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        var fields = ChallengeField().Matches(parameters).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => m.Groups[2].Value, StringComparer.Ordinal);
        if (!fields.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out _))
            throw new BuildFailedException($"{repository.Host} asked for a token without a valid realm ('{parameters}'). Check the registry address.");
        var query = new List<string>();
        if (fields.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString(fields.TryGetValue("scope", out var scope) ? scope : $"repository:{repository.Path}:pull"));
        var tokenUri = new Uri(realm + (realm.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join('&', query));

        // An identity token is an OAuth2 refresh token: POSTed to the realm for an access token, as docker does.
        using var response = credentials is { IsIdentityToken: true }
            ? await SendOnceAsync(HttpMethod.Post, new Uri(realm), null, cancellationToken, () => new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = credentials.Password,
                ["service"] = fields.GetValueOrDefault("service") ?? repository.Host,
                ["scope"] = fields.TryGetValue("scope", out var wanted) ? wanted : $"repository:{repository.Path}:pull",
                ["client_id"] = "slipway",
            }))
            : await SendOnceAsync(HttpMethod.Get, tokenUri, credentials is null ? null : Basic(credentials), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) throw Failure(response, tokenUri);
            throw new BuildFailedException(
                $"{tokenUri.Authority} refused a token for {repository} ({(int)response.StatusCode} {response.ReasonPhrase}). " +
                "Check REGISTRY_USERNAME and REGISTRY_PASSWORD and that they may read this repository.");
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var token = (json.RootElement.TryGetProperty("token", out var t) ? t.GetString() : null)
            ?? (json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null)
            ?? throw new BuildFailedException($"{tokenUri.Authority} answered without a token. Check the registry address.");
        return new AuthenticationHeaderValue("Bearer", token);
    }

    private static AuthenticationHeaderValue Basic(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    private static Exception Failure(HttpResponseMessage response, Uri uri, RegistryCredentials? credentials = null)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            return new TransientRegistryException($"{uri.Authority} answered {status}");
        return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new BuildFailedException($"{uri.Authority} refused access to {uri.AbsolutePath} ({status}) for {Describe(credentials)}. " +
                $"Check --registry-username/--registry-password (REGISTRY_USERNAME/REGISTRY_PASSWORD), the CI's token, or run {LoginCommand(uri.Authority, credentials)}.")
            : new BuildFailedException($"{uri.Authority} answered {status} for {uri.AbsolutePath}.");
    }

    // The docker login that fixes a refused read, for Docker's configuration the build read (DOCKER_CONFIG kept in front).
    private static string LoginCommand(string host, RegistryCredentials? credentials) =>
        credentials?.Lookup?.LoginCommand(host) ?? $"docker login {host}";

    // Docker's own login as it was found (the lookup is done by the time a request failed), else the credentials given.
    private static string Describe(RegistryCredentials? credentials)
    {
        if (credentials is { IsDeferred: true } && credentials.TryGetResolved(out var login))
            return login?.Describe() ?? "an anonymous request (no login given to Slipway, none in Docker's configuration)";
        return credentials?.Describe() ?? "an anonymous request (no credentials given)";
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"(\w+)=""([^""]*)""")]
    private static partial Regex ChallengeField();
}
