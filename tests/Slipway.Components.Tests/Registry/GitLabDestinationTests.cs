using Slipway.Components.Destination;

namespace Slipway.Components.Tests.Registry;

/// <summary>
/// <c>--ci both --registry ghcr.io/acme</c>: the GitLab job pushes to <c>CI_REGISTRY_IMAGE</c> (the generated file sets
/// <c>REGISTRY=$CI_REGISTRY_IMAGE</c>), and a job told to push elsewhere without a login stops before any target.
/// </summary>
public sealed class GitLabDestinationTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("slipway-gitlab-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Dictionary<string, string> GitLab(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["GITLAB_CI"] = "true", ["CI_REGISTRY"] = "registry.gitlab.com", ["CI_REGISTRY_IMAGE"] = "registry.gitlab.com/acme/orders",
            ["CI_REGISTRY_USER"] = "gitlab-ci-token", ["CI_REGISTRY_PASSWORD"] = "job-token", ["HOME"] = _home,
        };
        foreach (var (name, value) in extra) environment[name] = value;
        return environment;
    }

    [Fact]
    public void REGISTRY_set_to_CI_REGISTRY_IMAGE_pushes_to_the_project_repository_itself_with_the_job_token()
    {
        var destination = RegistryDestination.Resolve("registry.gitlab.com/acme/orders", "acme-orders", null, null, GitLab())!;

        Assert.Equal("registry.gitlab.com/acme/orders", destination.Repository.ToString());
        Assert.Equal("CI_REGISTRY_USER/CI_REGISTRY_PASSWORD", destination.Credentials!.Source);
        Assert.Same(destination, destination.CheckedForCi(GitLab(), pushes: true));
    }

    [Fact]
    public void Another_registry_without_a_login_stops_the_push_naming_the_variables_to_set()
    {
        var destination = RegistryDestination.Resolve("ghcr.io/acme", "acme-orders", null, null, GitLab())!;

        var error = Assert.Throws<BuildFailedException>(() => destination.CheckedForCi(GitLab(), pushes: true));

        Assert.Contains("pushes to ghcr.io/acme/acme-orders (--registry ghcr.io/acme), but has no login for ghcr.io", error.Message, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_USERNAME and REGISTRY_PASSWORD", error.Message, StringComparison.Ordinal);
        Assert.Contains("REGISTRY: $CI_REGISTRY_IMAGE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_registry_is_fine_with_credentials_a_docker_login_or_when_nothing_is_pushed()
    {
        var withPassword = RegistryDestination.Resolve("ghcr.io/acme", "acme-orders", "bot", "ghp_token", GitLab())!;
        Assert.Same(withPassword, withPassword.CheckedForCi(GitLab(), pushes: true));

        var withoutPassword = RegistryDestination.Resolve("ghcr.io/acme", "acme-orders", null, null, GitLab())!;
        Assert.Same(withoutPassword, withoutPassword.CheckedForCi(GitLab(), pushes: false)); // a merge request pipeline

        Directory.CreateDirectory(Path.Combine(_home, ".docker"));
        File.WriteAllText(Path.Combine(_home, ".docker", "config.json"), """{"auths": {"ghcr.io": {"auth": "Ym90OnRva2Vu"}}}""");
        Assert.Same(withoutPassword, withoutPassword.CheckedForCi(GitLab(), pushes: true)); // docker login ghcr.io in before_script
    }

    [Fact]
    public void Off_GitLab_the_check_leaves_the_destination_alone()
    {
        var local = new Dictionary<string, string> { ["HOME"] = _home };
        var destination = RegistryDestination.Resolve("ghcr.io/acme", "acme-orders", null, null, local)!;

        Assert.Same(destination, destination.CheckedForCi(local, pushes: true));
        Assert.Equal("ghcr.io/acme/acme-orders", destination.Repository.ToString());
    }
}
