using Slipway.Components.References;
namespace Slipway.Components.Destination;

/// <summary>A user name and password (or token) for a registry, and where they came from (for messages; never the password).</summary>
internal sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Where the credentials came from, e.g. <c>--registry-username/--registry-password</c> or <c>GITHUB_ACTOR/GITHUB_TOKEN</c>.</summary>
    public string Source { get; init; } = "--registry-username/--registry-password";

    /// <summary>The user name docker's credential helpers answer when the secret is an identity token (an OAuth2 refresh token).</summary>
    public const string IdentityTokenUser = "<token>";

    /// <summary>True when <see cref="Password"/> is an identity token (docker's <c>identitytoken</c>): it buys a registry token, it is no password.</summary>
    public bool IsIdentityToken { get; init; }

    /// <summary>
    /// Set for <see cref="DockerLogin"/>: no login yet, but Docker's own for <see cref="Host"/>, looked up when a registry
    /// first asks (<see cref="ResolveAsync"/>). User name and password are then empty and must not be used as they are.
    /// </summary>
    public DockerLogins? Lookup { get; private init; }

    /// <summary>The registry host a <see cref="Lookup"/> is for.</summary>
    public string? Host { get; private init; }

    /// <summary>True for Docker's own login not looked up yet (see <see cref="ResolveAsync"/>).</summary>
    public bool IsDeferred => Lookup is not null;

    /// <summary>Docker's own login for <paramref name="host"/> (config.json, credHelpers, credsStore), looked up when first needed.</summary>
    public static RegistryCredentials DockerLogin(string host, DockerLogins logins) =>
        new("", "") { Lookup = logins, Host = host, Source = $"Docker's own login, if any ({Path.Combine(logins.ConfigDirectory, "config.json")})" };

    /// <summary>The login to send: this one, or for <see cref="DockerLogin"/> what docker has for the host (null for none: anonymous).</summary>
    public Task<RegistryCredentials?> ResolveAsync(CancellationToken cancellationToken) =>
        Lookup is { } lookup ? lookup.FindAsync(Host!, cancellationToken) : Task.FromResult<RegistryCredentials?>(this);

    /// <summary>For <see cref="DockerLogin"/>: what the lookup found, when it has finished (nothing is looked up here).</summary>
    public bool TryGetResolved(out RegistryCredentials? login)
    {
        login = Lookup is null ? this : null;
        return Lookup is null || Lookup.TryGetFound(Host!, out login);
    }

    /// <summary>The same login: user name and password (or the same deferred lookup), whatever their source.</summary>
    public bool Equals(RegistryCredentials? other) =>
        other is not null && string.Equals(Username, other.Username, StringComparison.Ordinal) && string.Equals(Password, other.Password, StringComparison.Ordinal)
        && ReferenceEquals(Lookup, other.Lookup) && string.Equals(Host, other.Host, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Username, Password, Host);

    /// <summary>Never prints the password.</summary>
    public override string ToString() => IsDeferred ? $"docker login for {Host}" : $"{Username}:****";

    /// <summary>"user 'octocat' (from GITHUB_ACTOR/GITHUB_TOKEN)"; "an identity token (from …)"; "Docker's own login, if any (…)".</summary>
    public string Describe() => IsDeferred ? Source
        : IsIdentityToken && Username is "" or IdentityTokenUser ? $"an identity token (from {Source})"
        : IsIdentityToken ? $"user '{Username}' with an identity token (from {Source})"
        : $"user '{Username}' (from {Source})";

    /// <summary>
    /// The credentials for a registry: the given ones, for any registry (a loopback one too); else the CI service's own —
    /// GitHub Actions' <c>GITHUB_ACTOR</c>/<c>GITHUB_TOKEN</c> for ghcr.io, GitLab's <c>CI_REGISTRY_USER</c>/<c>CI_REGISTRY_PASSWORD</c>
    /// for <c>CI_REGISTRY</c>. Null when none apply (then <see cref="DockerLogin"/>: Docker's own stored login, if any, is used).
    /// </summary>
    public static RegistryCredentials? Resolve(ImageRepository repository, string? username, string? password, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrEmpty(password))
            return new RegistryCredentials(string.IsNullOrEmpty(username) ? "token" : username, password) { Source = "--registry-username/--registry-password (REGISTRY_USERNAME/REGISTRY_PASSWORD)" };

        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        if (repository.Host == "ghcr.io" && Get("GITHUB_ACTIONS") is not null && Get("GITHUB_TOKEN") is { } token)
            return new RegistryCredentials(username ?? Get("GITHUB_ACTOR") ?? "github-actions", token) { Source = "GITHUB_ACTOR/GITHUB_TOKEN" };
        if (Get("GITLAB_CI") is not null && Get("CI_REGISTRY") == repository.Host && Get("CI_REGISTRY_PASSWORD") is { } gitlab)
            return new RegistryCredentials(username ?? Get("CI_REGISTRY_USER") ?? "gitlab-ci-token", gitlab) { Source = "CI_REGISTRY_USER/CI_REGISTRY_PASSWORD" };
        return null;
    }
}
