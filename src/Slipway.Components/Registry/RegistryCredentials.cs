namespace Slipway.Components.Registry;

/// <summary>A user name and password (or token) for a registry.</summary>
internal sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Username}:****";

    /// <summary>
    /// The credentials for a registry: the given ones, else the CI service's own — GitHub Actions' <c>GITHUB_ACTOR</c>/<c>GITHUB_TOKEN</c>
    /// for ghcr.io, GitLab's <c>CI_REGISTRY_USER</c>/<c>CI_REGISTRY_PASSWORD</c> for <c>CI_REGISTRY</c>. Null when none apply:
    /// a local registry, or no credentials anywhere (then Docker's own login, if any, is used).
    /// </summary>
    public static RegistryCredentials? Resolve(ImageRepository repository, string? username, string? password, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(environment);
        if (repository.IsLocal) return null;
        if (!string.IsNullOrEmpty(password)) return new RegistryCredentials(string.IsNullOrEmpty(username) ? "token" : username, password);

        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        if (repository.Host == "ghcr.io" && Get("GITHUB_ACTIONS") is not null && Get("GITHUB_TOKEN") is { } token)
            return new RegistryCredentials(username ?? Get("GITHUB_ACTOR") ?? "github-actions", token);
        if (Get("GITLAB_CI") is not null && Get("CI_REGISTRY") == repository.Host && Get("CI_REGISTRY_PASSWORD") is { } gitlab)
            return new RegistryCredentials(username ?? Get("CI_REGISTRY_USER") ?? "gitlab-ci-token", gitlab);
        return null;
    }
}
