using System.Text.RegularExpressions;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Scanning;

/// <summary>Trivy's version, and when its vulnerability database was built (null when unknown).</summary>
internal sealed record TrivyVersion(string Version, DateTimeOffset? DatabaseUpdated);

/// <summary>How Trivy is run: the <c>trivy</c> command on PATH, or the pinned Trivy image through the build's docker client.</summary>
/// <param name="Executable">The <c>trivy</c> executable, or the docker client's.</param>
/// <param name="Image">The Trivy image when run through Docker, else null.</param>
/// <param name="Reason">Why this runner was chosen, for the log.</param>
/// <param name="Docker">The docker client that runs the Trivy image (its <c>DOCKER_HOST</c> is the daemon holding the scanned image); null for <c>trivy</c>.</param>
internal sealed partial record TrivyRunner(string Executable, string? Image, string Reason, Docker.DockerCli? Docker = null)
{
    /// <summary>The <c>DOCKER_HOST</c> the scanned image lives in (null: the default socket).</summary>
    public string? DockerHost => Docker?.Environment.GetValueOrDefault("DOCKER_HOST");

    /// <summary>
    /// The Trivy image used when <c>trivy</c> is not installed: a release tag pinned by its manifest digest, so a
    /// re-pushed tag cannot change what runs. Refresh both together; <c>docker buildx imagetools inspect
    /// aquasec/trivy:&lt;tag&gt;</c> prints a tag's digest. Override per build with <c>--trivy-image</c>.
    /// </summary>
    public const string PinnedImage = "aquasec/trivy:0.69.3@sha256:bcc376de8d77cfe086a917230e818dc9f8528e3c852f7b1aff648949b6258d1c";

    /// <summary>The Docker volume that keeps Trivy's vulnerability database between runs.</summary>
    public const string CacheVolume = "slipway-trivy-cache";

    /// <summary>
    /// The environment variable (Trivy's own) naming a directory for the vulnerability database, relative to the build's
    /// root: a CI cache can keep a directory inside the workspace, where the Docker volume is lost with the runner.
    /// Unset, Trivy's default cache (through Docker, the <see cref="CacheVolume"/>) is used.
    /// </summary>
    public const string CacheDirectoryVariable = "TRIVY_CACHE_DIR";

    private const string ContainerCache = "/root/.cache/trivy";
    private const string ContainerOutput = "/slipway/out";
    private const string ContainerIgnoreFile = "/slipway/.trivyignore";
    private const string ContainerLayout = "/slipway/in";

    /// <summary>True when Trivy runs in a container.</summary>
    public bool UsesDocker => Image is not null;

    /// <summary>Picks the runner: <c>trivy</c> when found, else <paramref name="docker"/> with <paramref name="image"/>; fails when neither exists.</summary>
    public static TrivyRunner Choose(string? trivyOnPath, Docker.DockerCli? docker, string image)
    {
        if (trivyOnPath is not null)
            return new TrivyRunner(trivyOnPath, null, $"trivy found at {trivyOnPath}");
        if (docker is not null)
            return new TrivyRunner(docker.Executable, image, $"trivy is not on PATH, so the image {image} runs through docker", docker);
        throw new BuildFailedException(
            "TrivyScan needs Trivy, but neither 'trivy' nor 'docker' is on PATH. " +
            "Install Trivy (https://trivy.dev/latest/getting-started/installation/) or Docker, then run the build again.");
    }

    /// <summary>
    /// The scan command: JSON report into <paramref name="reportFile"/>, every severity (the gate applies the threshold);
    /// with <paramref name="remote"/>, the image is read from its registry (<c>--image-src remote</c>), not the engine; with
    /// <paramref name="layout"/>, from one platform's OCI layout (<c>--input</c>, see <see cref="Platforms.OciLayout.PlatformLayout"/>).
    /// </summary>
    public ToolCommand Command(string imageId, AbsolutePath reportFile, AbsolutePath? ignoreFile, bool ignoreUnfixed, AbsolutePath workingDirectory, bool remote = false,
        Destination.RegistryCredentials? registryLogin = null, AbsolutePath? layout = null, Func<TrivySettings, TrivySettings>? configure = null)
    {
        // A platform layout lives at <layout root>/platforms/<os-arch> and links to the root's blobs: the root is mounted.
        var layoutRoot = layout?.Parent?.Parent;
        ArgumentNullException.ThrowIfNull(reportFile);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var outputDirectory = reportFile.Parent ?? throw new ArgumentException("The report file needs a directory.", nameof(reportFile));
        var arguments = new List<string>();
        if (UsesDocker)
        {
            arguments.AddRange(["run", "--rm"]);
            arguments.AddRange(DockerDaemonArguments());
            arguments.AddRange([.. CacheMount(), "-v", $"{outputDirectory}:{ContainerOutput}"]);
            if (ignoreFile is not null) arguments.AddRange(["-v", $"{ignoreFile}:{ContainerIgnoreFile}:ro"]);
            if (layoutRoot is not null) arguments.AddRange(["-v", $"{layoutRoot}:{ContainerLayout}:ro"]);
            // Trivy reads a registry login from TRIVY_USERNAME/TRIVY_PASSWORD: passed by name, so the values stay out of the command line.
            if (registryLogin is not null) arguments.AddRange(["-e", "TRIVY_USERNAME", "-e", "TRIVY_PASSWORD"]);
            arguments.Add(Image!);
        }

        var settings = (configure ?? (s => s))(new TrivySettings(imageId)
        {
            Output = UsesDocker ? $"{ContainerOutput}/{reportFile.Name}" : reportFile,
            CacheDirectory = CacheDirectory is { } cache ? UsesDocker ? ContainerCache : cache : null,
            IgnoreUnfixed = ignoreUnfixed,
            ImageSource = remote ? "remote" : null,
            IgnoreFile = ignoreFile is null ? null : UsesDocker ? ContainerIgnoreFile : ignoreFile,
            Input = layout is null ? null : UsesDocker ? $"{ContainerLayout}/{Path.GetRelativePath(layoutRoot!, layout).Replace('\\', '/')}" : layout,
        });
        arguments.AddRange(settings.ToArguments());
        var command = (Docker?.Command(arguments).WithOutputLogging(true) ?? Tool.Of(Executable).WithArguments(arguments)).WithWorkingDirectory(workingDirectory);
        return registryLogin is null ? command
            : command.WithEnvironment("TRIVY_USERNAME", registryLogin.Username).WithEnvironment("TRIVY_PASSWORD", registryLogin.Password).WithSecret(registryLogin.Password);
    }

    /// <summary>The directory of <see cref="CacheDirectoryVariable"/> in <paramref name="environment"/>, resolved against the build's root; null when unset.</summary>
    public static string? CacheDirectoryFrom(IReadOnlyDictionary<string, string> environment, AbsolutePath root) =>
        environment.TryGetValue(CacheDirectoryVariable, out var directory) && directory.Length > 0 ? Path.GetFullPath(directory, root) : null;

    /// <summary>Where the vulnerability database is kept (<c>--cache-dir</c>); null: Trivy's default (through Docker, <see cref="CacheVolume"/>).</summary>
    public string? CacheDirectory { get; init; }

    // docker run -v creates a missing host directory.
    private string[] CacheMount() => CacheDirectory is null ? ["-v", $"{CacheVolume}:/root/.cache/"] : ["-v", $"{CacheDirectory}:{ContainerCache}"];

    /// <summary>
    /// Trivy's version and when its vulnerability database was built, asked once after the scan downloaded the database:
    /// <c>trivy version --format json</c> (<c>Version</c>, <c>VulnerabilityDB.UpdatedAt</c>). Through Docker the version is
    /// the image's tag. <c>unknown</c> and null when Trivy does not say.
    /// </summary>
    public async Task<TrivyVersion> VersionAsync()
    {
        var arguments = new List<string>();
        if (UsesDocker) arguments.AddRange(["run", "--rm", .. CacheMount(), Image!]);
        arguments.AddRange(["version", "--format", "json"]);
        if (CacheDirectory is { } cache) arguments.AddRange(["--cache-dir", UsesDocker ? ContainerCache : cache]);
        var result = await (Docker?.Command(arguments) ?? Tool.Of(Executable).WithArguments(arguments))
            .WithExitCodeValidation(false).WithOutputLogging(false).ExecuteAsync();
        string? version = UsesDocker && ImageTag().Match(Image!) is { Success: true } tag ? tag.Groups["tag"].Value.TrimStart('v') : null;
        DateTimeOffset? database = null;
        if (result.ExitCode == 0)
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
                if (version is null && json.RootElement.TryGetProperty("Version", out var v)) version = v.GetString()?.TrimStart('v');
                if (json.RootElement.TryGetProperty("VulnerabilityDB", out var db) && db.TryGetProperty("UpdatedAt", out var updated)
                    && updated.TryGetDateTimeOffset(out var time)) database = time.ToUniversalTime();
            }
            catch (System.Text.Json.JsonException)
            {
                // an older Trivy without --format json on version: its text answer below
            }
        }
        if (version is null && VersionLine().Match(result.StandardOutput) is { Success: true } line) version = line.Groups["version"].Value;
        return new TrivyVersion(version ?? "unknown", database);
    }

    // The container reaches the daemon that holds the image: a unix socket is mounted, a TCP host is passed on.
    private IEnumerable<string> DockerDaemonArguments()
    {
        if (DockerHost is null or "")
            return ["-v", "/var/run/docker.sock:/var/run/docker.sock"];
        if (DockerHost.StartsWith("unix://", StringComparison.Ordinal))
            return ["-v", $"{DockerHost["unix://".Length..]}:/var/run/docker.sock"];
        return ["--network", "host", "-e", $"DOCKER_HOST={DockerHost}"];
    }

    [GeneratedRegex(@":(?<tag>[^:@/]+)(@|$)")]
    private static partial Regex ImageTag();

    [GeneratedRegex(@"Version:\s*v?(?<version>\S+)")]
    private static partial Regex VersionLine();
}
