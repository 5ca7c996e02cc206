using System.Text;
using Slipway.Components.Destination;
using Slipway.Components.Tests.Registry;
using Slipway.Logging;

namespace Slipway.Components.Tests.Destination;

/// <summary>Docker's own login, read from a docker configuration of the test's own: auths, identity tokens, credHelpers and credsStore.</summary>
public sealed class DockerLoginsTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("slipway-docker-config-").FullName;
    private readonly string _bin = Directory.CreateTempSubdirectory("slipway-helpers-").FullName;
    private readonly CapturedLog _log = new();

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_config, recursive: true);
        Directory.Delete(_bin, recursive: true);
    }

    private DockerLogins Logins() => new(new Dictionary<string, string> { ["DOCKER_CONFIG"] = _config, ["PATH"] = _bin + Path.PathSeparator + "/usr/bin:/bin" });

    private void Config(string json) => File.WriteAllText(Path.Combine(_config, "config.json"), json);

    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static string Secret() => "pw-" + Guid.NewGuid().ToString("N");

    // A docker-credential-<name> that records the server address it was asked for and knows one login.
    private void Helper(string name, string server, string username, string secret)
    {
        Skip.If(OperatingSystem.IsWindows(), "the fake credential helpers are sh scripts");
        var path = Path.Combine(_bin, "docker-credential-" + name);
        File.WriteAllText(path, $$"""
            #!/bin/sh
            [ "$1" = get ] || exit 2
            read -r server
            printf '%s\n' "$server" >> "{{_bin}}/{{name}}.asked"
            if [ "$server" = "{{server}}" ]; then
              printf '{"ServerURL":"%s","Username":"{{username}}","Secret":"{{secret}}"}\n' "$server"
            else
              echo "credentials not found in native keychain"; exit 1
            fi
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string[] Asked(string name) => File.ReadAllLines(Path.Combine(_bin, name + ".asked"));

    [Fact]
    public async Task An_auths_login_is_found_by_host_and_port_and_its_password_never_reaches_the_log()
    {
        var password = Secret();
        Config($$$$"""{"auths":{"127.0.0.1:5999":{"auth":"{{{{Auth("alice", password)}}}}"},"127.0.0.1:6000":{"auth":"{{{{Auth("bob", "other-password")}}}}"}}}""");

        var login = await Logins().FindAsync("127.0.0.1:5999", CancellationToken.None);

        Assert.Equal(("alice", password), (login!.Username, login.Password));
        Assert.False(login.IsIdentityToken);
        Assert.Equal(SecretMasker.Mask, SecretMasker.Apply(password));
        Assert.Contains($"docker login: auths \"127.0.0.1:5999\" in {Path.Combine(_config, "config.json")}", login.Describe(), StringComparison.Ordinal);
        Assert.Contains("Registry 127.0.0.1:5999: no login given to Slipway, so Docker's own login is used: user 'alice'", _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, _log.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker.io")]
    [InlineData("registry-1.docker.io")]
    [InlineData("index.docker.io")]
    public async Task Docker_Hub_is_looked_up_under_docker_s_own_key(string host)
    {
        Config($$$$"""{"auths":{"https://index.docker.io/v1/":{"auth":"{{{{Auth("hubuser", Secret())}}}}"},"docker.io.example.com":{"auth":"{{{{Auth("wrong", Secret())}}}}"}}}""");

        Assert.Equal("hubuser", (await Logins().FindAsync(host, CancellationToken.None))!.Username);
    }

    [Fact]
    public async Task A_key_with_a_scheme_and_a_path_matches_its_host_and_no_other()
    {
        Config($$$$"""{"auths":{"https://ghcr.io/v2/":{"auth":"{{{{Auth("octocat", Secret())}}}}"}}}""");
        var logins = Logins();

        Assert.Equal("octocat", (await logins.FindAsync("ghcr.io", CancellationToken.None))!.Username);
        Assert.Null(await logins.FindAsync("ghcr.io.example.com", CancellationToken.None));
        Assert.Null(await logins.FindAsync("docker.io", CancellationToken.None));
    }

    [Fact]
    public async Task An_identitytoken_in_auths_is_used_as_an_identity_token()
    {
        var token = Secret();
        Config($$$$"""{"auths":{"myregistry.azurecr.io":{"auth":"{{{{Auth("00000000-0000-0000-0000-000000000000", "")}}}}","identitytoken":"{{{{token}}}}"}}}""");

        var login = await Logins().FindAsync("myregistry.azurecr.io", CancellationToken.None);

        Assert.True(login!.IsIdentityToken);
        Assert.Equal(token, login.Password);
        Assert.Equal(SecretMasker.Mask, SecretMasker.Apply(token));
        Assert.DoesNotContain(token, _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_credHelpers_entry_for_the_host_wins_over_credsStore_and_auths_and_gets_the_server_address_on_stdin()
    {
        var secret = Secret();
        Helper("ecrtest", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "AWS", secret);
        Helper("storetest", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "from-store", Secret());
        Config($$$$"""
            {"credsStore":"storetest","credHelpers":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":"ecrtest"},
             "auths":{"123456789012.dkr.ecr.eu-west-1.amazonaws.com":{"auth":"{{{{Auth("from-auths", Secret())}}}}"}}}
            """);

        var login = await Logins().FindAsync("123456789012.dkr.ecr.eu-west-1.amazonaws.com", CancellationToken.None);

        Assert.Equal(("AWS", secret), (login!.Username, login.Password));
        Assert.Contains("credHelpers \"ecrtest\"", login.Source, StringComparison.Ordinal);
        Assert.Equal(["123456789012.dkr.ecr.eu-west-1.amazonaws.com"], Asked("ecrtest"));
        Assert.False(File.Exists(Path.Combine(_bin, "storetest.asked")));
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com", SecretMasker.Apply("123456789012.dkr.ecr.eu-west-1.amazonaws.com")); // the host stays readable
        Assert.DoesNotContain(secret, _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_credsStore_answering_the_token_user_gives_an_identity_token_and_Docker_Hub_is_asked_by_its_v1_address()
    {
        var token = Secret();
        Helper("desktoptest", "https://index.docker.io/v1/", "<token>", token);
        Config("""{"credsStore":"desktoptest","auths":{"https://index.docker.io/v1/":{}}}""");

        var login = await Logins().FindAsync("docker.io", CancellationToken.None);

        Assert.True(login!.IsIdentityToken);
        Assert.Equal(token, login.Password);
        Assert.StartsWith("an identity token (from docker login: credsStore \"desktoptest\"", login.Describe(), StringComparison.Ordinal);
        Assert.Equal(["https://index.docker.io/v1/"], Asked("desktoptest"));
    }

    [SkippableFact]
    public async Task A_store_without_the_host_falls_back_to_auths_and_a_host_known_nowhere_is_anonymous()
    {
        Helper("storetest", "elsewhere.example.com", "x", Secret());
        Config($$$$"""{"credsStore":"storetest","auths":{"registry.example.com":{"auth":"{{{{Auth("filed", Secret())}}}}"}}}""");
        var logins = Logins();

        Assert.Equal("filed", (await logins.FindAsync("registry.example.com", CancellationToken.None))!.Username);
        Assert.Null(await logins.FindAsync("unknown.example.com", CancellationToken.None));
        Assert.Contains("Registry unknown.example.com: no login given to Slipway and none in Docker's", _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Each_host_is_looked_up_once_per_run()
    {
        Helper("storetest", "registry.example.com", "u", Secret());
        Config("""{"credsStore":"storetest"}""");
        var logins = Logins();

        await logins.FindAsync("registry.example.com", CancellationToken.None);
        await logins.FindAsync("registry.example.com", CancellationToken.None);

        Assert.Single(Asked("storetest"));
    }

    [Fact]
    public async Task A_helper_missing_from_PATH_is_a_warning_naming_it_not_a_login()
    {
        Config("""{"credsStore":"nosuchhelper"}""");

        Assert.Null(await Logins().FindAsync("registry.example.com", CancellationToken.None));
        Assert.Contains("docker-credential-nosuchhelper is not on PATH", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_docker_login_to_run_keeps_a_configuration_that_is_not_the_default_one()
    {
        Assert.Equal($"DOCKER_CONFIG={_config} docker login ghcr.io", Logins().LoginCommand("ghcr.io"));
        Assert.Equal("DOCKER_CONFIG='/home/a b/it'\\''s' docker login ghcr.io",
            new DockerLogins(new Dictionary<string, string> { ["DOCKER_CONFIG"] = "/home/a b/it's" }).LoginCommand("ghcr.io"));
        Assert.Equal("docker login ghcr.io", new DockerLogins(new Dictionary<string, string> { ["HOME"] = "/home/a" }).LoginCommand("ghcr.io"));
    }

    [Fact]
    public async Task A_broken_config_json_fails_naming_the_file_and_the_fix()
    {
        Config("{\"auths\": {");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => Logins().FindAsync("registry.example.com", CancellationToken.None));

        Assert.Contains(Path.Combine(_config, "config.json"), failure.Message, StringComparison.Ordinal);
        Assert.Contains("docker login", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_given_to_Slipway_win_and_without_them_the_destination_defers_to_Docker_s_login()
    {
        Config($$$$"""{"auths":{"registry.example.com":{"auth":"{{{{Auth("from-docker", Secret())}}}}"}}}""");
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = _config };

        var given = RegistryDestination.Resolve("registry.example.com/team", "orders", "alice", "given-password", environment)!;
        var docker = RegistryDestination.Resolve("registry.example.com/team", "orders", null, null, environment)!;

        Assert.Equal(("alice", "given-password"), (given.Credentials!.Username, given.Credentials.Password));
        Assert.Same(given.Credentials, await given.Credentials.ResolveAsync(CancellationToken.None));
        Assert.True(docker.Credentials!.IsDeferred);
        Assert.Equal("from-docker", (await docker.Credentials.ResolveAsync(CancellationToken.None))!.Username);
    }
}
