using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// This repository packed as a user gets it: Slipway.Common, Slipway.Components and Slipway.Templates at one fresh
/// version in a local feed, and the template installed into its own hive (the user's templates are not touched).
/// Packing is a Release build of the whole solution, so a test run packs once (<see cref="Shared"/>): every test reads
/// the pack and generates into its own directory of the workspace.
/// </summary>
internal sealed class TemplatePack : IDisposable
{
    private static readonly Lazy<TemplatePack> s_shared = new(() => OwnedByProcess(new TemplatePack()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TemporaryDirectory _workspace = new("slipway-e2e");

    // dotnet new reads and rewrites the hive's settings: one command at a time per hive.
    private readonly Lock _hive = new();

    /// <summary>The pack of this test run, made by the first test that needs it and deleted when the test process exits.</summary>
    public static TemplatePack Shared => s_shared.Value;

    /// <summary>
    /// Disposes <paramref name="value"/> when the test process exits: what several xunit collections share outlives
    /// each of them, and xunit (v2) has no fixture for the whole assembly.
    /// </summary>
    public static T OwnedByProcess<T>(T value)
        where T : IDisposable
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => value.Dispose();
        return value;
    }

    private TemplatePack()
    {
        if (Prepared() is { } prepared)
        {
            Version = prepared.Version;
            Directory.CreateDirectory(Packages);
            foreach (var package in Directory.GetFiles(prepared.Packages, "*.nupkg")) File.Copy(package, Packages / Path.GetFileName(package));
        }
        else
        {
            Version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}";
            Commands.Check("dotnet", ["pack", RepositoryPaths.Root / "Slipway.sln", "-c", "Release", "-o", Packages,
                $"-p:Version={Version}", "--artifacts-path", Workspace / "pack"], RepositoryPaths.Root);
        }
        Commands.Check("dotnet", ["new", "install", Packages / $"Slipway.Templates.{Version}.nupkg", "--debug:custom-hive", Hive], Workspace);
    }

    /// <summary>
    /// The pack <c>.ci/run</c> made during its setup (<c>SLIPWAY_TEST_PACK</c>: a directory with <c>packages/</c> and
    /// <c>version.txt</c>, the version and the commit), when it is of this checkout: the same commit and no file changed
    /// since (<c>git status</c> clean). Null otherwise: the tests pack this checkout themselves.
    /// </summary>
    private static (string Version, AbsolutePath Packages)? Prepared()
    {
        if (Environment.GetEnvironmentVariable("SLIPWAY_TEST_PACK") is not { Length: > 0 } directory) return null;
        var root = AbsolutePath.Create(directory);
        if (!File.Exists(root / "version.txt")) return null;
        var lines = File.ReadAllLines(root / "version.txt");
        if (lines is not [var version, var commit, ..]) return null;
        var head = Commands.Check("git", ["rev-parse", "HEAD"], RepositoryPaths.Root).Trim();
        var changed = Commands.Check("git", ["status", "--porcelain"], RepositoryPaths.Root).Trim();
        return head == commit && changed.Length == 0 && File.Exists(root / "packages" / $"Slipway.Templates.{version}.nupkg")
            ? (version, root / "packages")
            : null;
    }

    /// <summary>The version every package of the pack carries.</summary>
    public string Version { get; }

    /// <summary>A scratch directory for the tests, deleted with the pack.</summary>
    public AbsolutePath Workspace => _workspace.Path;

    /// <summary>The local feed with the three packages.</summary>
    public AbsolutePath Packages => Workspace / "packages";

    /// <summary>The template hive the pack is installed into.</summary>
    public AbsolutePath Hive => Workspace / "hive";

    /// <summary>Runs <c>dotnet new slipway -n Acme.Orders</c> with these options into a new directory and returns it.</summary>
    public AbsolutePath Generate(string directoryName, params string[] options) => GenerateNamed("Acme.Orders", directoryName, options);

    /// <summary>Runs <c>dotnet new slipway -n <paramref name="name"/></c> with these options into a new directory and returns it.</summary>
    public AbsolutePath GenerateNamed(string name, string directoryName, params string[] options)
    {
        var output = Workspace / directoryName;
        lock (_hive) Commands.Check("dotnet", ["new", "slipway", "-n", name, "-o", output, "--debug:custom-hive", Hive, .. options], Workspace);
        return output;
    }

    /// <summary>Runs a template of the pack (<c>dotnet new slipway-tests …</c>) in a repository, as its user would.</summary>
    public string New(AbsolutePath repository, string template, params string[] arguments)
    {
        lock (_hive) return Commands.Check("dotnet", ["new", template, .. arguments, "--debug:custom-hive", Hive], repository);
    }

    /// <summary>
    /// The environment a generated repository builds with here: the pack's feed as an extra restore source (a
    /// published Slipway needs none), the local base images, the container environment's daemon and the Trivy stand-in.
    /// </summary>
    public Dictionary<string, string> BuildEnvironment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["RestoreAdditionalProjectSources"] = Packages,
            ["PATH"] = $"{RepositoryPaths.Root / "tests" / "infra" / "trivy"}:{Environment.GetEnvironmentVariable("PATH")}",
        };
        var docker = DockerEnvironment.Current;
        if (docker.IsAvailable)
        {
            environment["DOCKER_HOST"] = docker.Values["DOCKER_HOST"];
            environment["SDK_IMAGE"] = docker.SdkImage;
            // The template builds linux/amd64 and linux/arm64 (its .nuke/parameters.json): a base with both.
            environment["RUNTIME_IMAGE"] = docker.MultiPlatformRuntimeImage;
        }
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) environment[name] = value;
        return environment;
    }

    /// <summary>Deletes the workspace, the hive with it (so nothing is left to uninstall): quick, as it runs when the test process exits.</summary>
    public void Dispose() => _workspace.Dispose();
}
