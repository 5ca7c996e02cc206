using Slipway.Components.References;
namespace Slipway.Components.Destination;

/// <summary>A user name and password (or token) for a registry, and where they came from (for messages; never the password).</summary>
internal sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Where the credentials came from, e.g. <c>--registry-username/--registry-password</c> or <c>GITHUB_ACTOR/GITHUB_TOKEN</c>.</summary>
    public string Source { get; init; } = "--registry-username/--registry-password";

    /// <summary>The same login: user name and password, whatever their source.</summary>
    public bool Equals(RegistryCredentials? other) =>
        other is not null && string.Equals(Username, other.Username, StringComparison.Ordinal) && string.Equals(Password, other.Password, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Username, Password);

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Username}:****";

    /// <summary>"user 'octocat' (from GITHUB_ACTOR/GITHUB_TOKEN)".</summary>
    public string Describe() => $"user '{Username}' (from {Source})";

    /// <summary>
    /// The credentials for a registry: the given ones, for any registry (a loopback one too); else the CI service's own —
    /// GitHub Actions' <c>GITHUB_ACTOR</c>/<c>GITHUB_TOKEN</c> for ghcr.io, GitLab's <c>CI_REGISTRY_USER</c>/<c>CI_REGISTRY_PASSWORD</c>
    /// for <c>CI_REGISTRY</c>. Null when none apply (then Docker's own stored login, if any, is used).
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
