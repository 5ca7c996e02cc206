using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog;
using Slipway.Components.Docker;
using Slipway.Components.References;
using Slipway.Logging;
using Slipway.Processes;

namespace Slipway.Components.Destination;

/// <summary>
/// Docker's own login, as <c>docker push</c> finds it: <c>config.json</c> in <c>DOCKER_CONFIG</c> (default
/// <c>~/.docker</c>), its <c>credHelpers.&lt;host&gt;</c>, then its <c>credsStore</c> (each a <c>docker-credential-&lt;name&gt;</c>
/// program on PATH, asked with <c>get</c>), then its <c>auths.&lt;host&gt;</c> (<c>auth</c> = base64 user:password,
/// <c>identitytoken</c>). Looked up once per registry host, when a registry first asks for a login; every secret found
/// is masked in the log. The environment is the build's (<c>Host.Environment</c>), never the process's own.
/// </summary>
internal sealed class DockerLogins(IReadOnlyDictionary<string, string> environment)
{
    /// <summary>The key docker files Docker Hub's login under, whatever name the image used (docker.io, index.docker.io, registry-1.docker.io).</summary>
    public const string DockerHubServer = "https://index.docker.io/v1/";

    private readonly Dictionary<string, Task<RegistryCredentials?>> _found = new(StringComparer.Ordinal);

    /// <summary>The docker configuration directory: <c>DOCKER_CONFIG</c>, else <c>~/.docker</c>.</summary>
    public string ConfigDirectory => Get("DOCKER_CONFIG")
        ?? Path.Combine(Get("HOME") ?? Get("USERPROFILE") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".docker");

    private string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    /// <summary>The login docker would use for <paramref name="host"/>, or null when it has none; said in the log once per host.</summary>
    public Task<RegistryCredentials?> FindAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_found)
        {
            if (!_found.TryGetValue(host, out var found) || found.IsFaulted || found.IsCanceled)
                _found[host] = found = LookUpAsync(host, cancellationToken);
            return found;
        }
    }

    /// <summary>What an earlier <see cref="FindAsync"/> found for <paramref name="host"/>, without looking anything up; false when none finished.</summary>
    public bool TryGetFound(string host, out RegistryCredentials? login)
    {
        lock (_found)
        {
            var done = _found.TryGetValue(host, out var found) && found.IsCompletedSuccessfully;
            login = done ? found!.Result : null;
            return done;
        }
    }

    /// <summary>
    /// The <c>docker login</c> a person runs to give docker a login for <paramref name="host"/>, as it works pasted into a new
    /// shell: with <c>DOCKER_CONFIG=…</c> in front when the build's configuration is not the default one.
    /// </summary>
    public string LoginCommand(string host) =>
        (Get("DOCKER_CONFIG") is { } directory ? DockerCli.FromPath.WithEnvironment("DOCKER_CONFIG", directory) : DockerCli.FromPath).ToPaste("login", host);

    /// <summary>The server address docker keys a host's login by: <see cref="DockerHubServer"/> for Docker Hub, else host[:port].</summary>
    public static string ServerAddress(string host) => IsDockerHub(host) ? DockerHubServer : host;

    private async Task<RegistryCredentials?> LookUpAsync(string host, CancellationToken cancellationToken)
    {
        var server = ServerAddress(host);
        var config = ReadConfig();
        RegistryCredentials? found = null;
        if (config is not null)
        {
            if (config["credHelpers"] is JsonObject helpers && helpers.FirstOrDefault(h => Matches(h.Key, server)).Value?.GetValue<string>() is { Length: > 0 } helper)
                found = await FromHelperAsync(helper, server, $"credHelpers \"{helper}\"", cancellationToken);
            else if (config["credsStore"]?.GetValue<string>() is { Length: > 0 } store)
                found = await FromHelperAsync(store, server, $"credsStore \"{store}\"", cancellationToken);
            found ??= FromAuths(config, server);
        }
        if (found is null)
            Log.Information("Registry {Host}: no login given to Slipway and none in Docker's {File}: anonymous access", host, config is null ? ConfigFile + " (absent)" : ConfigFile);
        else
            Log.Information("Registry {Host}: no login given to Slipway, so Docker's own login is used: {Login}", host, found.Describe());
        return found;
    }

    /// <summary>
    /// True when docker's configuration may hold a login for <paramref name="host"/>: <c>auths</c> or <c>credHelpers</c>
    /// name it, or a <c>credsStore</c> is set (a store is not asked here). For checks before any target; no helper runs.
    /// </summary>
    public bool MayHave(string host)
    {
        var server = ServerAddress(host);
        var config = ReadConfig();
        if (config is null) return false;
        if (config["credsStore"] is JsonValue store && store.TryGetValue<string>(out var name) && name.Length > 0) return true;
        return new[] { "auths", "credHelpers" }.Any(section => config[section] is JsonObject entries && entries.Any(e => Matches(e.Key, server)));
    }

    private JsonObject? ReadConfig()
    {
        if (!File.Exists(ConfigFile)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(ConfigFile)) as JsonObject
                ?? throw new BuildFailedException($"Docker's {ConfigFile} is not a JSON object. Fix it, or delete it and run docker login again.");
        }
        catch (JsonException ex)
        {
            throw new BuildFailedException($"Docker's {ConfigFile} is not valid JSON ({ex.Message}). Fix it, or delete it and run docker login again.");
        }
    }

    private RegistryCredentials? FromAuths(JsonObject config, string server)
    {
        if (config["auths"] is not JsonObject auths) return null;
        var (key, node) = auths.FirstOrDefault(a => a.Key == server);
        if (node is null) (key, node) = auths.FirstOrDefault(a => Matches(a.Key, server));
        if (node is not JsonObject entry) return null;

        string? username = entry["username"]?.GetValue<string>(), password = entry["password"]?.GetValue<string>();
        if (entry["auth"]?.GetValue<string>() is { Length: > 0 } auth)
        {
            SecretMasker.Register(auth);
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth)); }
            catch (FormatException) { throw new BuildFailedException($"Docker's {ConfigFile}: auths.\"{key}\".auth is not base64. Run docker login {server} again."); }
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) throw new BuildFailedException($"Docker's {ConfigFile}: auths.\"{key}\".auth is not user:password. Run docker login {server} again.");
            (username, password) = (decoded[..colon], decoded[(colon + 1)..]);
        }
        var source = $"auths \"{key}\" in {ConfigFile}";
        if (entry["identitytoken"]?.GetValue<string>() is { Length: > 0 } identityToken)
            return Found(username is { Length: > 0 } ? username : RegistryCredentials.IdentityTokenUser, identityToken, source, identityToken: true);
        return password is { Length: > 0 } ? Found(username ?? "", password, source, identityToken: false) : null;
    }

    // The credential-helper protocol: "docker-credential-<name> get", the server address on stdin, {"Username","Secret"} on stdout.
    private async Task<RegistryCredentials?> FromHelperAsync(string name, string server, string setting, CancellationToken cancellationToken)
    {
        var program = "docker-credential-" + name;
        if (FindOnPath(program) is not { } path)
        {
            Log.Warning("Docker's {File} names {Setting}, but {Program} is not on PATH: no login from it (docker push would fail the same way). Install it, or remove the setting", ConfigFile, setting, program);
            return null;
        }
        var result = await Tool.Of(path).WithArguments(["get"])
            .WithStandardInput(async (stream, ct) => await stream.WriteAsync(Encoding.UTF8.GetBytes(server), ct)) // not WithStandardInput(text): that would mask the host name everywhere
            .WithOutputLogging(false)
            .WithExitCodeValidation(false)
            .WithTimeout(TimeSpan.FromMinutes(1))
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            if (result.StandardOutput.Contains("credentials not found", StringComparison.OrdinalIgnoreCase)) return null;
            Log.Warning("{Program} get for {Server} failed (exit code {ExitCode}): {Output}. No login from it", program, server, result.ExitCode,
                SecretMasker.Apply(string.Join(" / ", result.Output.Select(l => l.Text.Trim()).Where(l => l.Length > 0).TakeLast(3))));
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(result.StandardOutput);
            var username = json.RootElement.TryGetProperty("Username", out var u) ? u.GetString() ?? "" : "";
            var secret = json.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() ?? "" : "";
            if (secret.Length == 0) return null;
            return Found(username, secret, $"{setting} in {ConfigFile}", identityToken: username == RegistryCredentials.IdentityTokenUser);
        }
        catch (JsonException)
        {
            Log.Warning("{Program} get for {Server} did not answer JSON with Username and Secret. No login from it", program, server);
            return null;
        }
    }

    private static RegistryCredentials Found(string username, string secret, string source, bool identityToken)
    {
        SecretMasker.Register(secret);
        return new RegistryCredentials(username, secret) { Source = "docker login: " + source, IsIdentityToken = identityToken };
    }

    // docker matches a stored key by its host name: "https://ghcr.io/v2/" and "ghcr.io" are the same registry.
    private static bool Matches(string key, string server) =>
        server == DockerHubServer ? IsDockerHub(HostOf(key)) : string.Equals(HostOf(key), server, StringComparison.OrdinalIgnoreCase);

    private static string HostOf(string key)
    {
        var host = key.Trim();
        foreach (var scheme in new[] { "https://", "http://" })
            if (host.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) host = host[scheme.Length..];
        var slash = host.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? host : host[..slash];
    }

    private static bool IsDockerHub(string host) =>
        host is ImageRepository.DockerHub or "index.docker.io" or "registry-1.docker.io" or "registry.hub.docker.com";

    private string? FindOnPath(string program)
    {
        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd", program + ".bat" } : [program];
        foreach (var directory in (Get("PATH") ?? Get("Path") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
                if (File.Exists(Path.Combine(directory, name))) return Path.Combine(directory, name);
        return null;
    }

    private string? Get(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
