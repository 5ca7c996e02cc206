using Slipway.Components.Destination;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class RegistryDestinationTests
{
    private static readonly Dictionary<string, string> s_local = [];

    private static readonly Dictionary<string, string> s_gitHub = new()
    {
        ["GITHUB_ACTIONS"] = "true", ["GITHUB_REPOSITORY_OWNER"] = "Acme-Corp", ["GITHUB_ACTOR"] = "octocat", ["GITHUB_TOKEN"] = "ghs_token",
    };

    private static readonly Dictionary<string, string> s_gitLab = new()
    {
        ["GITLAB_CI"] = "true", ["CI_REGISTRY"] = "registry.gitlab.com", ["CI_REGISTRY_IMAGE"] = "registry.gitlab.com/acme/orders",
        ["CI_REGISTRY_USER"] = "gitlab-ci-token", ["CI_REGISTRY_PASSWORD"] = "job-token",
    };

    [Fact]
    public void A_configured_registry_wins_on_every_host()
    {
        var destination = RegistryDestination.Resolve("registry.example.com/team", "orders", null, null, s_gitLab)!;

        Assert.Equal("registry.example.com/team/orders", destination.Repository.ToString());
        Assert.Equal("--registry registry.example.com/team", destination.Source);
        // GitLab's job token is for CI_REGISTRY only: Docker's own login for the host, looked up when the registry asks
        Assert.True(destination.Credentials!.IsDeferred);
        Assert.Equal("registry.example.com", destination.Credentials.Host);
    }

    [Fact]
    public void GitHub_Actions_without_a_registry_pushes_to_ghcr_under_the_lower_case_owner_with_its_token()
    {
        var destination = RegistryDestination.Resolve(null, "acme-orders", null, null, s_gitHub)!;

        Assert.Equal("ghcr.io/acme-corp/acme-orders", destination.Repository.ToString());
        Assert.Equal(new RegistryCredentials("octocat", "ghs_token"), destination.Credentials);
        Assert.Equal("GITHUB_ACTOR/GITHUB_TOKEN", destination.Credentials!.Source);
    }

    [Fact]
    public void GitLab_CI_without_a_registry_pushes_to_the_project_registry_with_the_job_token()
    {
        var destination = RegistryDestination.Resolve(null, "acme-orders", null, null, s_gitLab)!;

        Assert.Equal("registry.gitlab.com/acme/orders", destination.Repository.ToString());
        Assert.Equal(new RegistryCredentials("gitlab-ci-token", "job-token"), destination.Credentials);
    }

    [Fact]
    public void A_local_build_without_a_registry_has_no_destination_and_Push_names_the_parameter()
    {
        Assert.Null(RegistryDestination.Resolve(null, "orders", null, null, s_local));

        var error = Assert.Throws<BuildFailedException>(() => RegistryDestination.Require(null));
        Assert.Contains("--registry", error.Message, StringComparison.Ordinal);
        Assert.Contains("REGISTRY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_credentials_are_kept_for_a_loopback_registry()
    {
        var destination = RegistryDestination.Resolve("127.0.0.1:5995/team", "orders", "alice", "s3cret", s_local)!;

        Assert.Equal(new RegistryCredentials("alice", "s3cret"), destination.Credentials);
        Assert.DoesNotContain("s3cret", destination.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://ghcr.io/acme", "must not contain a scheme")]
    [InlineData("acme", "does not start with a registry host")]
    [InlineData("ghcr.io/Acme", "not a valid image name")]
    public void A_malformed_registry_is_refused_naming_it(string registry, string problem)
    {
        var error = Assert.Throws<BuildFailedException>(() => RegistryDestination.Resolve(registry, "orders", null, null, s_local));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(registry, error.Message, StringComparison.Ordinal);
    }
}
