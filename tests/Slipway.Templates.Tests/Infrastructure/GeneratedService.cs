using Slipway.Components.References;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// The story of issue 5 up to the first push: pack → install → <c>dotnet new slipway --ci both</c> → git init, commit,
/// tag <c>v1.4.2</c> → <c>./build.sh Publish</c> to a fresh namespace of the local registry. Tests read what that run
/// left and work on copies of the repository, so each starts from the same published state.
/// </summary>
public sealed class GeneratedService : IDisposable
{
    private readonly TemplatePack _pack = new();

    public GeneratedService()
    {
        Repository = _pack.Generate("Acme.Orders", "--ci", "both", "--registry", Registry);
        Commands.Git(Repository, "init", "--quiet", "--initial-branch", "main");
        Commands.Git(Repository, "add", "--all");
        Commands.Git(Repository, "commit", "--quiet", "--message", "Acme.Orders from dotnet new slipway");
        Commands.Git(Repository, "tag", "v1.4.2");
        Commit = Commands.Git(Repository, "rev-parse", "HEAD");
        GeneratedFiles = [.. Commands.Git(Repository, "ls-files").Split('\n')];

        if (!DockerEnvironment.Current.IsAvailable) return;
        FirstPublish = Publish(Repository);
        TagsAfterFirstPublish = RegistryProbe.VersionTags(ImageRepository);
    }

    /// <summary>The registry cache tag of the template's main branch: per branch and per platform set (its linux/amd64 and linux/arm64).</summary>
    public const string MainCacheTag = "buildcache-main-linux-amd64-linux-arm64";

    /// <summary>The registry and namespace of this test run, e.g. <c>localhost:5000/e2e-1a2b3c4d</c>.</summary>
    public string Registry { get; } = $"localhost:5000/e2e-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The image repository inside the registry, e.g. <c>e2e-1a2b3c4d/acme-orders</c>.</summary>
    public string ImageRepository => $"{Registry["localhost:5000/".Length..]}/acme-orders";

    /// <summary>The template pack the service was generated from.</summary>
    internal TemplatePack Pack => _pack;

    /// <summary>The generated repository, published once when Docker is available.</summary>
    public AbsolutePath Repository { get; }

    /// <summary>The tagged commit.</summary>
    public string Commit { get; }

    /// <summary>The files <c>dotnet new</c> generated, as git lists them.</summary>
    public IReadOnlyList<string> GeneratedFiles { get; }

    /// <summary>The first <c>./build.sh Publish</c>, or null without Docker.</summary>
    public ToolResult? FirstPublish { get; }

    /// <summary>The registry's tags right after the first publish (build-cache refs left out).</summary>
    public IReadOnlySet<string> TagsAfterFirstPublish { get; } = new HashSet<string>();

    /// <summary>Runs a target of a generated repository through <c>build.sh</c> (or <c>build.ps1</c> under pwsh).</summary>
    public ToolResult Publish(AbsolutePath repository, string[]? arguments = null, IReadOnlyDictionary<string, string>? environment = null, bool powerShell = false,
        Action<OutputLine>? onLine = null)
    {
        string[] args = arguments ?? ["Publish"];
        return powerShell
            ? Commands.Run("pwsh", ["-NoLogo", "-NoProfile", "-File", repository / "build.ps1", .. args], repository, _pack.BuildEnvironment(environment), onLine: onLine)
            : Commands.Run(repository / "build.sh", args, repository, _pack.BuildEnvironment(environment), onLine: onLine);
    }

    /// <summary>
    /// <c>./build.sh Publish</c> (with <paramref name="arguments"/> after it) of a copy, with the service's .NET Restore,
    /// Compile and Test skipped: the first publish ran them on the generated source, and the image build compiles the
    /// copy's own source again anyway. For the tests of what the image chain does (tags, pushes, CI contexts, signing);
    /// the full chain is <see cref="Publish"/>.
    /// </summary>
    public ToolResult PublishImage(AbsolutePath repository, string[]? arguments = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Publish(repository, ["Publish", .. arguments ?? [], "--skip", "Restore", "Compile", "Test"], environment);

    /// <summary>A copy of the published repository (history, tags, warm build and artifacts included).</summary>
    public AbsolutePath Copy(string name)
    {
        var target = _pack.Workspace / name;
        Commands.Check("cp", ["-a", Repository, target], _pack.Workspace);
        return target;
    }

    /// <summary>The service published again, signed, to a registry of its own (built on first use).</summary>
    internal SignedRelease SignedRelease
    {
        get
        {
            lock (_pack) return _signed ??= new SignedRelease(this);
        }
    }

    private SignedRelease? _signed;

    public void Dispose()
    {
        _signed?.Dispose();
        _pack.Dispose();
    }
}

/// <summary>Shares one generated, published service among the template tests.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedServiceCollection : ICollectionFixture<GeneratedService>
{
    public const string Name = "Generated service";
}
