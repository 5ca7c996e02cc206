using System.Text.Json;
using Serilog;

/// <summary>The Demo target: the product as a user meets it, from the packed template to a pushed image.</summary>
sealed partial class Build
{
    [Parameter("Registry and namespace the demo service is pushed to, e.g. localhost:5000/demo (default: a registry the demo starts on loopback and stops afterwards); each demo is a new v1.0.0, so use a new namespace each time")]
    readonly string? Registry;

    AbsolutePath DemoDirectory => ArtifactsDirectory / "demo";
    AbsolutePath DemoService => DemoDirectory / "Acme.Orders";

    Target Demo => _ => _
        .Description("Packs, installs the template into an isolated hive, generates artifacts/demo/Acme.Orders, tags it v1.0.0 and runs its ./build.sh Publish")
        .DependsOn(Pack)
        .Executes(async () =>
        {
            var version = (await ((IVersioning)this).VersionAsync).SemVer;
            var hive = TemporaryDirectory / "demo-hive";
            DemoDirectory.DeleteDirectory();
            hive.DeleteDirectory();

            DotNet("new", "install", PackagesDirectory / $"Slipway.Templates.{version}.nupkg", "--debug:custom-hive", hive);
            // A fresh registry each time: the demo's v1.0.0 is a new commit, and versions are immutable.
            var registryDirectory = TemporaryDirectory / "demo-registry";
            registryDirectory.DeleteDirectory();
            using var ownRegistry = Registry is null ? LoopbackRegistry.Start(registryDirectory) : null;
            var registry = Registry ?? $"{ownRegistry!.Host}/demo";
            DotNet("new", "slipway", "-n", "Acme.Orders", "-o", DemoService, "--registry", registry, "--debug:custom-hive", hive);

            Git("init", "--quiet", "--initial-branch", "main");
            Git("add", "--all");
            Git("commit", "--quiet", "--message", "Acme.Orders from dotnet new slipway");
            Git("tag", "v1.0.0");

            // The demo's build restores Slipway.Components from the packages just packed; a published Slipway needs no extra source.
            var publish = Tool.Of(DemoService / "build.sh").WithArguments(["Publish"]).WithWorkingDirectory(DemoService)
                .WithEnvironment("RestoreAdditionalProjectSources", PackagesDirectory);
            var environment = OfflineEnvironment().ToList();
            foreach (var (name, value) in environment) publish = publish.WithEnvironment(name, value);
            publish.Execute();

            using var record = JsonDocument.Parse((DemoService / "artifacts" / "image.json").ReadAllText());
            var reference = record.RootElement.GetProperty("reference").GetString();
            var tags = string.Join(", ", record.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Log.Information("Published {Reference} as {Tags}", reference, tags);
            // Pasted into a new shell as printed: the daemon the demo used goes with the command when it is not the default one.
            var dockerHost = environment.Where(e => e.Name == "DOCKER_HOST").Select(e => e.Value).FirstOrDefault() ?? Environment.GetEnvironmentVariable("DOCKER_HOST");
            Log.Information("Run it: {Command}, then curl http://{Host}:8080/healthz/ready",
                PastableCommand.Docker(dockerHost, "run", "--rm", "-p", "8080:8080", reference!), PastableCommand.PublishedPortHost(dockerHost));
            if (ownRegistry is not null)
                Log.Information("The demo registry {Registry} stops with this build; the image stays in the local docker", ownRegistry.Host);
            ReportSummary($"{reference} ({tags})");
        });

    /// <summary>
    /// On a machine where mcr.microsoft.com and Docker Hub are out of reach, this repository's container environment
    /// (tests/infra/container-env.sh) has the daemon, local base images pinned by digest, and the Trivy stand-in. The
    /// demo uses them when that environment is up and the user has not set the variables, and says so.
    /// </summary>
    IEnumerable<(string Name, string Value)> OfflineEnvironment()
    {
        var file = AbsolutePath.Create(Environment.GetEnvironmentVariable("SLIPWAY_CONTAINER_ENV") ?? "/run/container-env/base-images.env");
        if (!file.FileExists() || Environment.GetEnvironmentVariable("SDK_IMAGE") is not null) yield break;
        var values = File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        Log.Warning("Using the local container environment ({File}): its docker daemon and base images SDK_IMAGE, RUNTIME_IMAGE", file);
        // The template builds linux/amd64 and linux/arm64: the environment's two-platform runtime base, where it has one.
        if (values.TryGetValue("MULTI_RUNTIME_IMAGE", out var multi)) values["RUNTIME_IMAGE"] = multi;
        foreach (var name in new[] { "DOCKER_HOST", "SDK_IMAGE", "RUNTIME_IMAGE" })
            if (values.TryGetValue(name, out var value) && Environment.GetEnvironmentVariable(name) is null) yield return (name, value);
        if (OnPath("trivy")) yield break;
        Log.Warning("trivy is not installed: the demo scans with the test stand-in tests/infra/trivy/trivy, which is not a real scan; install trivy for one");
        yield return ("PATH", $"{RootDirectory / "tests" / "infra" / "trivy"}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}");
    }

    static bool OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, executable)));

    void Git(params string[] arguments) =>
        Tool.Of("git").WithArguments(["-c", "user.name=Slipway Demo", "-c", "user.email=demo@slipway.invalid", "-c", "commit.gpgsign=false", .. arguments])
            .WithWorkingDirectory(DemoService).Execute();
}

/// <summary>A docker command printed for a person: it works pasted as printed into a new shell, whichever daemon the build used.</summary>
static class PastableCommand
{
    /// <summary>
    /// <c>docker &lt;arguments&gt;</c>, shell-quoted, with <c>DOCKER_HOST=… </c> in front (PowerShell: <c>$env:DOCKER_HOST='…';</c>)
    /// when <paramref name="dockerHost"/> is not the default daemon: a new shell does not have the build's environment.
    /// </summary>
    public static string Docker(string? dockerHost, params string[] arguments) =>
        (IsDefault(dockerHost) ? DockerCli.FromPath : DockerCli.FromPath.WithEnvironment("DOCKER_HOST", dockerHost)).ToPaste(arguments);

    /// <summary>Where a port the container publishes is reached: the daemon's host for tcp:// and ssh:// daemons, else localhost.</summary>
    public static string PublishedPortHost(string? dockerHost) =>
        Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri) && uri.Scheme is "tcp" or "ssh" && uri.Host.Length > 0 ? uri.Host : "localhost";

    static bool IsDefault(string? dockerHost) =>
        string.IsNullOrEmpty(dockerHost) || dockerHost is "unix:///var/run/docker.sock" or "npipe:////./pipe/docker_engine";
}
