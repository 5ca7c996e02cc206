using Slipway.Components.References;
namespace Slipway.Components.Destination;

/// <summary>
/// Where a build's image goes, resolved once per run: the repository, where that choice came from, and the credentials
/// for its registry with where they came from. It feeds the build cache refs, the login, the tag lookups and the push.
/// </summary>
/// <param name="Repository">The repository, e.g. <c>ghcr.io/acme/acme-orders</c>.</param>
/// <param name="Source">Where the repository came from, for messages: <c>--registry</c>, GitHub's owner, GitLab's project registry.</param>
/// <param name="Credentials">The login for the registry: the given one, the CI's, else Docker's own (<see cref="RegistryCredentials.DockerLogin"/>,
/// looked up when the registry first asks); null for none.</param>
internal sealed record RegistryDestination(ImageRepository Repository, string Source, RegistryCredentials? Credentials)
{
    /// <summary>
    /// The configured registry (<c>--registry</c> plus <c>--image</c>) when there is one, else the CI service's own:
    /// <c>ghcr.io/&lt;owner, lower case&gt;</c> on GitHub Actions, <c>CI_REGISTRY_IMAGE</c> on GitLab CI. Null when
    /// neither applies (a local build without <c>--registry</c>). A malformed registry or image fails naming the option.
    /// <paramref name="oneOfSeveral"/>: the repository has several images, so GitLab's project repository holds each under its name.
    /// </summary>
    public static RegistryDestination? Resolve(string? registry, string image, string? username, string? password, IReadOnlyDictionary<string, string> environment, bool oneOfSeveral = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        ImageRepository repository;
        string source;
        if (!string.IsNullOrWhiteSpace(registry) && Get("GITLAB_CI") is not null && Get("CI_REGISTRY_IMAGE") is { } own
            && string.Equals(registry.Trim().TrimEnd('/'), own, StringComparison.OrdinalIgnoreCase))
        {
            // The generated .gitlab-ci.yml sets REGISTRY=$CI_REGISTRY_IMAGE: the project's own repository, as without --registry.
            repository = oneOfSeveral ? ImageRepository.Combine(own, image) : ImageRepository.Parse(own);
            source = "GitLab CI: CI_REGISTRY_IMAGE (REGISTRY=$CI_REGISTRY_IMAGE)";
        }
        else if (!string.IsNullOrWhiteSpace(registry))
        {
            repository = ImageRepository.Combine(registry, image);
            source = $"--registry {registry.Trim()}";
        }
        else if (Get("GITHUB_ACTIONS") is not null && Get("GITHUB_REPOSITORY_OWNER") is { } owner)
        {
            repository = ImageRepository.Combine("ghcr.io/" + owner.ToLowerInvariant(), image);
            source = "GitHub Actions: ghcr.io/<GITHUB_REPOSITORY_OWNER>, no --registry given";
        }
        else if (Get("GITLAB_CI") is not null && Get("CI_REGISTRY_IMAGE") is { } gitlab)
        {
            repository = oneOfSeveral ? ImageRepository.Combine(gitlab, image) : ImageRepository.Parse(gitlab);
            source = "GitLab CI: CI_REGISTRY_IMAGE, no --registry given";
        }
        else
        {
            return null;
        }
        return new RegistryDestination(repository, source,
            RegistryCredentials.Resolve(repository, username, password, environment) ?? RegistryCredentials.DockerLogin(repository.Host, new DockerLogins(environment)));
    }

    /// <summary>The destination, or the error that names <c>--registry</c> when there is none.</summary>
    public static RegistryDestination Require(RegistryDestination? destination) => destination ?? throw new BuildFailedException(
        "No registry to push to. Pass --registry (e.g. --registry ghcr.io/acme or --registry localhost:5000), set the environment variable " +
        "REGISTRY (or SLIPWAY_REGISTRY), or add \"Registry\" to .nuke/parameters.json. On GitHub Actions the default is ghcr.io/<owner>, " +
        "on GitLab CI the project's CI_REGISTRY_IMAGE.");

    /// <summary>
    /// Before the first target of a run that pushes: a GitLab CI job told to push to a registry other than the project's
    /// own (<c>CI_REGISTRY</c>) must have credentials for it, given to Slipway or in docker's configuration; else the build
    /// stops, naming the CI/CD variables to set. Returns this destination.
    /// </summary>
    public RegistryDestination CheckedForCi(IReadOnlyDictionary<string, string> environment, bool pushes)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var host = Repository.Host;
        if (!pushes || Credentials is { IsDeferred: false } || Get("GITLAB_CI") is null || Repository.IsLocal
            || string.Equals(host, Get("CI_REGISTRY"), StringComparison.OrdinalIgnoreCase) || new DockerLogins(environment).MayHave(host))
            return this;
        throw new BuildFailedException(
            $"This GitLab CI job pushes to {Repository} ({Source}), but has no login for {host}: the job's own token " +
            $"(CI_REGISTRY_USER/CI_REGISTRY_PASSWORD) is only good for {Get("CI_REGISTRY") ?? "the project's registry"}. Either set the CI/CD variables " +
            $"REGISTRY_USERNAME and REGISTRY_PASSWORD (masked: a token that may push to {Repository}) in Settings > CI/CD > Variables, " +
            "or push to the project's own registry: keep REGISTRY: $CI_REGISTRY_IMAGE in .gitlab-ci.yml and set no REGISTRY variable that overrides it.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Repository} ({Source}; {Credentials?.Describe() ?? "no login"})";
}
