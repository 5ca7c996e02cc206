using Slipway.Components.Destination;
using Slipway.Components.References;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class RegistryCredentialsTests
{
    private static readonly ImageRepository s_ghcr = ImageRepository.Combine("ghcr.io/acme", "orders");

    [Fact]
    public void Given_credentials_win()
    {
        var env = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_TOKEN"] = "ci-token", ["GITHUB_ACTOR"] = "bot" };
        Assert.Equal(new RegistryCredentials("me", "pw"), RegistryCredentials.Resolve(s_ghcr, "me", "pw", env));
    }

    [Fact]
    public void GitHub_Actions_logs_in_to_ghcr_with_its_actor_and_token()
    {
        var env = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_TOKEN"] = "ci-token", ["GITHUB_ACTOR"] = "octocat" };
        Assert.Equal(new RegistryCredentials("octocat", "ci-token"), RegistryCredentials.Resolve(s_ghcr, null, null, env));
        Assert.Null(RegistryCredentials.Resolve(ImageRepository.Combine("docker.example.com/acme", "orders"), null, null, env));
    }

    [Fact]
    public void GitLab_logs_in_to_its_own_registry_with_the_job_credentials()
    {
        var env = new Dictionary<string, string>
        {
            ["GITLAB_CI"] = "true", ["CI_REGISTRY"] = "registry.gitlab.com", ["CI_REGISTRY_USER"] = "gitlab-ci-token", ["CI_REGISTRY_PASSWORD"] = "job-token",
        };
        var repository = ImageRepository.Parse("registry.gitlab.com/acme/orders");
        Assert.Equal(new RegistryCredentials("gitlab-ci-token", "job-token"), RegistryCredentials.Resolve(repository, null, null, env));
    }

    [Fact]
    public void A_local_registry_without_credentials_needs_no_login() =>
        Assert.Null(RegistryCredentials.Resolve(ImageRepository.Combine("localhost:5000", "orders"), null, null, new Dictionary<string, string>()));

    [Fact]
    public void Credentials_given_for_a_local_registry_are_kept()
    {
        var credentials = RegistryCredentials.Resolve(ImageRepository.Combine("127.0.0.1:5995", "orders"), "alice", "pw", new Dictionary<string, string>());

        Assert.Equal(new RegistryCredentials("alice", "pw"), credentials);
        Assert.StartsWith("user 'alice' (from --registry-username/--registry-password", credentials!.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Never_prints_the_password() =>
        Assert.DoesNotContain("s3cret", new RegistryCredentials("me", "s3cret").ToString(), StringComparison.Ordinal);
}
