using System.Security.Cryptography;
using System.Text;
using Slipway.Components.Destination;
using Slipway.Components.Docker;
using Slipway.Components.Registry;
using Slipway.Components.Tests.Registry;
using Slipway.Processes;

namespace Slipway.Components.Tests.Destination;

/// <summary>
/// A registry that needs a login (htpasswd), reached with no credentials given to Slipway: after <c>docker login</c>
/// into a docker configuration of the test's own, and through a credential store on PATH.
/// </summary>
[Collection(RegistryIntegrationCollection.Name)]
public sealed class DockerLoginIntegrationTests : IDisposable
{
    private readonly string _password = "pw-" + Guid.NewGuid().ToString("N");
    private readonly string _config = Directory.CreateTempSubdirectory("slipway-docker-config-").FullName;
    private readonly CapturedLog _log = new();
    private readonly RegistryClient _client = new(timeout: TimeSpan.FromSeconds(10));
    private OwnRegistry? _registry;

    public void Dispose()
    {
        _log.Dispose();
        _client.Dispose();
        _registry?.Dispose();
        Directory.Delete(_config, recursive: true);
    }

    // A registry with a login, holding orders:1.0.0 (an empty OCI image), pushed with the login given explicitly.
    private async Task<(OwnRegistry Registry, string Digest)> StartRegistryAsync()
    {
        Skip.If(!OwnRegistry.Installed, "Debian's docker-registry is not installed (tests/infra/container-env.sh installs it)");
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        _registry = new OwnRegistry(("tester", _password));
        _registry.Start();
        var repository = Repository();
        var given = new RegistryCredentials("tester", _password);
        var config = Path.Combine(_config, "image-config.json");
        await File.WriteAllTextAsync(config, """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""");
        var configDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(config)));
        using var pusher = new RegistryClient(timeout: TimeSpan.FromSeconds(10)); // its authorization stays its own: _client starts without one
        await pusher.PushBlobAsync(repository, configDigest, config, given);
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{new FileInfo(config).Length}}},"layers":[]}
            """.Trim());
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
        await pusher.PutManifestAsync(repository, "1.0.0", new RegistryManifest(digest, "application/vnd.oci.image.manifest.v1+json", manifest), given);
        return (_registry, digest);
    }

    private Slipway.Components.References.ImageRepository Repository() => Slipway.Components.References.ImageRepository.Combine(_registry!.Host, "orders");

    // The destination a run resolves with no --registry-username/--registry-password, in an environment of the test's own.
    private RegistryDestination Destination(params (string Name, string Value)[] environment) =>
        RegistryDestination.Resolve(_registry!.Host, "orders", null, null, environment.ToDictionary(e => e.Name, e => e.Value))!;

    [SkippableFact]
    public async Task After_docker_login_alone_the_registry_reads_work_and_the_log_says_whose_login_it_is()
    {
        var (registry, digest) = await StartRegistryAsync();
        var empty = Directory.CreateTempSubdirectory("slipway-empty-config-").FullName;
        var anonymous = Destination(("DOCKER_CONFIG", empty));
        var refused = await Assert.ThrowsAsync<BuildFailedException>(() => _client.ListTagsAsync(anonymous.Repository, anonymous.Credentials));
        Assert.Contains($"Run DOCKER_CONFIG={empty} docker login {registry.Host},", refused.Message, StringComparison.Ordinal); // pastable as printed

        var login = await DockerCli.FromPath.WithEnvironment("DOCKER_CONFIG", _config)
            .Command("login", registry.Host, "--username", "tester", "--password-stdin")
            .WithStandardInput(_password).WithSecret(_password).WithExitCodeValidation(false).ExecuteAsync();
        Assert.True(login.ExitCode == 0, string.Join('\n', login.Output.Select(l => l.Text)));
        var destination = Destination(("DOCKER_CONFIG", _config));

        Assert.Equal(["1.0.0"], await _client.ListTagsAsync(destination.Repository, destination.Credentials));
        Assert.Equal(digest, await _client.GetDigestAsync(destination.Repository, "1.0.0", destination.Credentials));
        Assert.Contains($"Registry {registry.Host}: no login given to Slipway, so Docker's own login is used: user 'tester' (from docker login: auths \"{registry.Host}\" in {Path.Combine(_config, "config.json")})",
            _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task After_docker_login_alone_a_push_goes_through_and_is_read_back()
    {
        var (registry, _) = await StartRegistryAsync();
        var login = await DockerCli.FromPath.WithEnvironment("DOCKER_CONFIG", _config)
            .Command("login", registry.Host, "--username", "tester", "--password-stdin")
            .WithStandardInput(_password).WithSecret(_password).WithExitCodeValidation(false).ExecuteAsync();
        Assert.Equal(0, login.ExitCode);
        var image = LocalDocker.BuildUniqueImage();
        try
        {
            var destination = Destination(("DOCKER_CONFIG", _config));
            // The user's own docker client: DOCKER_CONFIG is what the user's environment says.
            var docker = await RegistryLogin.LogInAsync(destination, DockerCli.FromPath.WithEnvironment("DOCKER_CONFIG", _config), _ => { }, CancellationToken.None);
            var request = new PushRequest
            {
                Record = new Slipway.Components.Images.ImageRecord
                {
                    ImageId = image, LocalReference = "orders:build", Image = "orders",
                    Scan = new Slipway.Components.Images.ScanRecord { ImageId = image, Passed = true, Threshold = "HIGH" },
                },
                Repository = destination.Repository,
                Tags = [new ImageTag("1.2.3")],
                Admission = new Slipway.Components.Images.TagAdmission { ImageId = image, Tags = ["1.2.3"] },
                Version = "1.2.3",
                Commit = "0123abc4567def",
                Credentials = destination.Credentials,
            };

            var result = await new Pusher(new DockerImageCommands(docker, destination.Credentials!.Describe()), _client, new RetrySettings(2, TimeSpan.FromMilliseconds(200)))
                .PushAsync(request, CancellationToken.None);

            Assert.True(registry.HasTag("orders", "1.2.3"));
            Assert.Equal(result.Record.Digest, await _client.GetDigestAsync(destination.Repository, "1.2.3", destination.Credentials));
            Assert.DoesNotContain(_password, _log.Text, StringComparison.Ordinal);
        }
        finally
        {
            LocalDocker.RemoveImage(image);
        }
    }

    [SkippableFact]
    public async Task The_run_s_docker_client_keeps_docker_s_own_login_and_says_so_before_the_first_registry_access()
    {
        var (registry, _) = await StartRegistryAsync();
        File.WriteAllText(Path.Combine(_config, "config.json"),
            $$$$"""{"auths":{"{{{{registry.Host}}}}":{"auth":"{{{{Convert.ToBase64String(Encoding.UTF8.GetBytes("tester:" + _password))}}}}"}}}""");
        var cleanups = new List<Action>();

        var docker = await RegistryLogin.LogInAsync(Destination(("DOCKER_CONFIG", _config)), DockerCli.FromPath, cleanups.Add, CancellationToken.None);

        Assert.Same(DockerCli.FromPath, docker); // no private DOCKER_CONFIG: docker push reads the same config.json
        Assert.Empty(cleanups);
        Assert.Contains($"Registry {registry.Host}: no login given to Slipway, so Docker's own login is used: user 'tester'", _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_credsStore_on_PATH_answers_for_the_registry()
    {
        Skip.If(OperatingSystem.IsWindows(), "the fake credential helper is an sh script");
        var (registry, digest) = await StartRegistryAsync();
        var bin = Directory.CreateTempSubdirectory("slipway-helpers-").FullName;
        var helper = Path.Combine(bin, "docker-credential-slipwaytest");
        File.WriteAllText(helper, $$"""
            #!/bin/sh
            read -r server
            [ "$server" = "{{registry.Host}}" ] || { echo "credentials not found in native keychain"; exit 1; }
            printf '{"ServerURL":"%s","Username":"tester","Secret":"{{_password}}"}\n' "$server"
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"credsStore":"slipwaytest"}""");

        var destination = Destination(("DOCKER_CONFIG", _config), ("PATH", bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH")));

        Assert.Equal(digest, await _client.GetDigestAsync(destination.Repository, "1.0.0", destination.Credentials));
        Assert.Contains("(from docker login: credsStore \"slipwaytest\"", _log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, _log.Text, StringComparison.Ordinal);
        Directory.Delete(bin, recursive: true);
    }
}
