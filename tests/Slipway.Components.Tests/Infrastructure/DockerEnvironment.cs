using Slipway.Components.Docker;
using System.Collections.Immutable;
using System.Net.Http;
using Slipway.Components.Images;

namespace Slipway.Components.Tests.Infrastructure;

/// <summary>
/// The container environment <c>tests/infra/container-env.sh</c> brings up, as its env file
/// (<c>/run/container-env/base-images.env</c>, or the file <c>SLIPWAY_CONTAINER_ENV</c> names) describes it:
/// docker, the registry on <c>localhost:5000</c> and the base images pinned by digest. Tests that need it call
/// <c>Skip.IfNot(DockerEnvironment.Current.IsAvailable, DockerEnvironment.Current.Reason)</c>.
/// </summary>
internal sealed class DockerEnvironment
{
    public const string DefaultEnvFile = "/run/container-env/base-images.env";
    private static readonly Lazy<DockerEnvironment> s_current = new(() => Probe(Environment.GetEnvironmentVariable("SLIPWAY_CONTAINER_ENV") ?? DefaultEnvFile));

    private DockerEnvironment(IReadOnlyDictionary<string, string> values, string? unavailable)
    {
        Values = values;
        IsAvailable = unavailable is null;
        Reason = unavailable ?? "the container environment is up";
    }

    /// <summary>The environment of this machine, probed once per test run.</summary>
    public static DockerEnvironment Current => s_current.Value;

    /// <summary>True when the env file names the base images, docker answers and the registry answers.</summary>
    public bool IsAvailable { get; }

    /// <summary>Why the environment is not available (what is missing and how to bring it up), for <c>Skip.IfNot</c>.</summary>
    public string Reason { get; }

    /// <summary>The env file's values.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The .NET SDK image, pinned by digest in the local registry.</summary>
    public string SdkImage => Values["SDK_IMAGE"];

    /// <summary>The ASP.NET runtime image, pinned by digest in the local registry.</summary>
    public string RuntimeImage => Values["RUNTIME_IMAGE"];

    /// <summary>
    /// The ASP.NET runtime base as an index of linux/amd64 (the very <see cref="RuntimeImage"/>) and linux/arm64:
    /// what a two-platform build starts from. <see cref="RuntimeImage"/> where the environment has none.
    /// </summary>
    public string MultiPlatformRuntimeImage => Values.GetValueOrDefault("MULTI_RUNTIME_IMAGE") ?? RuntimeImage;

    /// <summary>Whether this engine runs linux/arm64 containers (QEMU through binfmt_misc), and why not.</summary>
    public (bool Available, string Reason) Arm64Emulation =>
        (Values.GetValueOrDefault("ARM64_EMULATION") == "1", Values.GetValueOrDefault("ARM64_EMULATION_REASON") ?? "the container environment did not set up arm64 emulation");

    /// <summary>The registry images name, <c>localhost:5000</c>.</summary>
    public string Registry => Values.GetValueOrDefault("REGISTRY", "localhost:5000");

    /// <summary>The docker client, talking to the environment's daemon.</summary>
    public DockerCli Docker => new(
        Values.GetValueOrDefault("DOCKER", "docker"),
        ImmutableDictionary<string, string?>.Empty.Add("DOCKER_HOST", Values.GetValueOrDefault("DOCKER_HOST")));

    /// <summary>The tags the registry holds for a repository (empty when it has none).</summary>
    public async Task<IReadOnlyList<string>> RegistryTagsAsync(string repository)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://{Registry}/v2/{repository}/tags/list"));
        if (!response.IsSuccessStatusCode) return [];
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == System.Text.Json.JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(t => t.GetString()!)]
            : [];
    }

    private static DockerEnvironment Probe(string envFile)
    {
        var bringUp = $"run 'sudo {RepositoryPaths.ContainerEnvScript}' to bring it up";
        if (!File.Exists(envFile)) return Unavailable($"no container environment: {envFile} is missing; {bringUp}");
        var values = File.ReadAllLines(envFile)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Length > 0 && !p[0].StartsWith('#'))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        foreach (var key in new[] { "SDK_IMAGE", "RUNTIME_IMAGE", "DOCKER_HOST" })
        {
            if (!values.ContainsKey(key)) return Unavailable($"{envFile} has no {key}; {bringUp}");
        }

        var environment = new DockerEnvironment(values, null);
        try
        {
            var version = environment.Docker.TryAsync(CancellationToken.None, "version", "--format", "{{.Server.Version}}").GetAwaiter().GetResult();
            if (version.ExitCode != 0) return Unavailable($"docker at {values["DOCKER_HOST"]} does not answer ({version.StandardError.Trim()}); {bringUp}");
        }
        catch (Slipway.Processes.ToolFailedException ex)
        {
            return Unavailable($"docker cannot be started ({ex.Message}); {bringUp}");
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = http.GetAsync(new Uri($"http://{environment.Registry}/v2/")).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode) return Unavailable($"the registry {environment.Registry} answers {(int)response.StatusCode}; {bringUp}");
        }
        catch (HttpRequestException ex)
        {
            return Unavailable($"the registry {environment.Registry} does not answer ({ex.Message}); {bringUp}");
        }
        return environment;
    }

    private static DockerEnvironment Unavailable(string reason) => new(new Dictionary<string, string>(), reason);
}
