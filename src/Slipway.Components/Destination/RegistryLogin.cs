using Serilog;
using Slipway.Components.Docker;
using Slipway.Processes;

namespace Slipway.Components.Destination;

/// <summary>
/// The login of one run: <c>docker login</c> into a private <c>DOCKER_CONFIG</c> (a copy of the user's configuration
/// without its credential store, so the user's own logins, contexts and buildx builders still apply), done once, before
/// the first registry access (the build cache import), and deleted when the build ends, as docker/login-action logs out.
/// </summary>
internal static class RegistryLogin
{
    /// <summary>
    /// The docker client to reach <paramref name="destination"/> with: logged in when it has credentials of Slipway's own (a
    /// failed login fails at once, naming the registry, the user and where the credentials came from), else <paramref name="docker"/>
    /// with Docker's own login, which is looked up here to say in the log where it comes from.
    /// </summary>
    /// <param name="destination">The registry and its credentials.</param>
    /// <param name="docker">The docker client to log in.</param>
    /// <param name="onBuildFinished">Registers the removal of the private configuration when the build ends.</param>
    /// <param name="cancellationToken">Stops the login.</param>
    /// <param name="configure">Edits the login's settings (the build's <c>ConfigureDockerLogin</c>); null leaves them as they are.</param>
    public static async Task<DockerCli> LogInAsync(RegistryDestination destination, DockerCli docker, Action<Action> onBuildFinished, CancellationToken cancellationToken,
        Func<DockerLoginSettings, DockerLoginSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(onBuildFinished);
        if (destination.Credentials is { IsDeferred: true } dockerLogin)
        {
            // docker itself uses its own login; looking it up now says in the log which one (or none), before the first registry access.
            await dockerLogin.ResolveAsync(cancellationToken);
            return docker;
        }
        if (destination.Credentials is not { } credentials)
        {
            Log.Information("No login for {Registry}: {Reason}", destination.Repository.Host,
                destination.Repository.IsLocal ? "a local registry and no credentials given" : "no credentials given (Docker's stored login is used)");
            return docker;
        }

        var config = PrivateConfig.Create(docker.Environment.GetValueOrDefault("DOCKER_CONFIG"));
        onBuildFinished(() => PrivateConfig.Delete(config));
        var loggedIn = docker.WithEnvironment("DOCKER_CONFIG", config);
        var host = destination.Repository.Host;
        var settings = (configure ?? (s => s))(new DockerLoginSettings(host, credentials.Username, credentials.Password));
        var result = await loggedIn.Command([.. settings.ToArguments()])
            .WithStandardInput(settings.Password)
            .WithSecret(settings.Password)
            .WithTimeout(TimeSpan.FromMinutes(2))
            .WithExitCodeValidation(false)
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var errors = string.Join(" / ", result.Output.Select(l => l.Text.Trim()).Where(l => l.Length > 0).TakeLast(3));
            throw new BuildFailedException(
                $"docker login {host} as {credentials.Describe()} failed: {Logging.SecretMasker.Apply(errors)}. " +
                (Refused(errors)
                    ? $"The registry refused the credentials: check {credentials.Source} (a token that may write to {destination.Repository})."
                    : "Check the registry's address and that it is reachable from this machine, and run the build again."));
        }
        Log.Information("Logged in to {Registry} as {User}, for this build only", host, credentials.Describe());
        return loggedIn;
    }

    // docker login's words for a registry that answered 401 or 403 (docker/cli, distribution), not a network fault.
    private static bool Refused(string errors) =>
        new[] { "unauthorized", "denied", "401", "403", "incorrect username or password", "authentication required" }
            .Any(m => errors.Contains(m, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A private docker configuration directory: the user's <c>config.json</c> without a credential store, and links to their buildx, contexts and plugins.</summary>
internal static class PrivateConfig
{
    public static string Create(string? userConfig)
    {
        var source = userConfig ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".docker");
        var directory = Directory.CreateTempSubdirectory("slipway-docker-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var json = Path.Combine(source, "config.json");
        var copy = new System.Text.Json.Nodes.JsonObject();
        if (File.Exists(json) && System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json)) is System.Text.Json.Nodes.JsonObject user)
        {
            copy = user;
            copy.Remove("credsStore"); // docker login would write the token into the OS keychain, beyond this build
        }
        File.WriteAllText(Path.Combine(directory, "config.json"), copy.ToJsonString());
        foreach (var name in new[] { "buildx", "contexts", "cli-plugins" })
        {
            var target = Path.Combine(source, name);
            if (Directory.Exists(target)) Directory.CreateSymbolicLink(Path.Combine(directory, name), target);
        }
        return directory;
    }

    public static void Delete(string directory)
    {
        if (!Directory.Exists(directory)) return;
        Directory.Delete(directory, recursive: true); // the links go, not what they point at
        Log.Debug("Logged out: deleted the build's docker configuration {Directory}", directory);
    }
}
