using Slipway.Components.References;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// The story of issue 5 up to the first push: pack → install → <c>dotnet new slipway --ci both</c> → git init, commit,
/// tag <c>v1.4.2</c> → <c>./build.sh Publish</c> to a fresh namespace of the local registry. Tests read what that run
/// left and work on copies of the repository, so each starts from the same published state. The service is generated
/// and published once per test run: xunit (v2) makes this fixture once per collection (see <see cref="GeneratedServiceCollection"/>),
/// and every instance reads the same published service.
/// </summary>
public sealed class GeneratedService
{
    private static readonly Lazy<Published> s_published = new(() => TemplatePack.OwnedByProcess(new Published()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Published _published = s_published.Value;

    /// <summary>The registry cache tag of the template's main branch: per branch and per platform set (its linux/amd64 and linux/arm64).</summary>
    public const string MainCacheTag = "buildcache-main-linux-amd64-linux-arm64";

    /// <summary>The registry and namespace of this test run, e.g. <c>localhost:5000/e2e-1a2b3c4d</c>.</summary>
    public string Registry => _published.Registry;

    /// <summary>The image repository inside the registry, e.g. <c>e2e-1a2b3c4d/acme-orders</c>.</summary>
    public string ImageRepository => ImageRepositoryIn(Registry);

    /// <summary>The template pack the service was generated from.</summary>
    internal TemplatePack Pack => TemplatePack.Shared;

    /// <summary>The generated repository, published once when Docker is available. Tests never build in it: they copy it.</summary>
    public AbsolutePath Repository => _published.Repository;

    /// <summary>The tagged commit.</summary>
    public string Commit => _published.Commit;

    /// <summary>The files <c>dotnet new</c> generated, as git lists them.</summary>
    public IReadOnlyList<string> GeneratedFiles => _published.GeneratedFiles;

    /// <summary>The first <c>./build.sh Publish</c>, or null without Docker.</summary>
    public ToolResult? FirstPublish => _published.FirstPublish;

    /// <summary>The registry's tags right after the first publish (build-cache refs left out).</summary>
    public IReadOnlySet<string> TagsAfterFirstPublish => _published.TagsAfterFirstPublish;

    /// <summary>Runs a target of a generated repository through <c>build.sh</c> (or <c>build.ps1</c> under pwsh).</summary>
    public ToolResult Publish(AbsolutePath repository, string[]? arguments = null, IReadOnlyDictionary<string, string>? environment = null, bool powerShell = false,
        Action<OutputLine>? onLine = null) => Run(repository, arguments ?? ["Publish"], environment, powerShell, onLine);

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
        var target = Pack.Workspace / name;
        Commands.Check("cp", ["-a", Repository, target], Pack.Workspace);
        return target;
    }

    /// <summary>The service published again, signed, to a registry of its own (built on first use, once per test run).</summary>
    internal SignedRelease SignedRelease => _published.SignedRelease(this);

    private static string ImageRepositoryIn(string registry) => $"{registry["localhost:5000/".Length..]}/acme-orders";

    private static ToolResult Run(AbsolutePath repository, string[] arguments, IReadOnlyDictionary<string, string>? environment, bool powerShell = false,
        Action<OutputLine>? onLine = null)
    {
        var pack = TemplatePack.Shared;
        return powerShell
            ? Commands.Run("pwsh", ["-NoLogo", "-NoProfile", "-File", repository / "build.ps1", .. arguments], repository, pack.BuildEnvironment(environment), onLine: onLine)
            : Commands.Run(repository / "build.sh", arguments, repository, pack.BuildEnvironment(environment), onLine: onLine);
    }

    /// <summary>What the one generation and first publish of the test run left; ended when the test process exits.</summary>
    private sealed class Published : IDisposable
    {
        private readonly Lock _gate = new();
        private SignedRelease? _signed;

        public Published()
        {
            Repository = TemplatePack.Shared.Generate("Acme.Orders", "--ci", "both", "--registry", Registry);
            Commands.Git(Repository, "init", "--quiet", "--initial-branch", "main");
            Commands.Git(Repository, "add", "--all");
            Commands.Git(Repository, "commit", "--quiet", "--message", "Acme.Orders from dotnet new slipway");
            Commands.Git(Repository, "tag", "v1.4.2");
            Commit = Commands.Git(Repository, "rev-parse", "HEAD");
            GeneratedFiles = [.. Commands.Git(Repository, "ls-files").Split('\n')];

            if (!DockerEnvironment.Current.IsAvailable) return;
            FirstPublish = Run(Repository, ["Publish"], environment: null);
            TagsAfterFirstPublish = RegistryProbe.VersionTags(ImageRepositoryIn(Registry));
        }

        public string Registry { get; } = $"localhost:5000/e2e-{Guid.NewGuid().ToString("N")[..8]}";

        public AbsolutePath Repository { get; }

        public string Commit { get; }

        public IReadOnlyList<string> GeneratedFiles { get; }

        public ToolResult? FirstPublish { get; }

        public IReadOnlySet<string> TagsAfterFirstPublish { get; } = new HashSet<string>();

        public SignedRelease SignedRelease(GeneratedService service)
        {
            lock (_gate) return _signed ??= new SignedRelease(service);
        }

        public void Dispose() => _signed?.Dispose();
    }
}

/// <summary>
/// The template tests that read or push to the generated service's own image repository (<see cref="GeneratedService.ImageRepository"/>):
/// they run one at a time, as some compare its tags before and after a run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GeneratedServiceCollection : ICollectionFixture<GeneratedService>
{
    public const string Name = "Generated service";
}

/// <summary>
/// The template tests that read the generated service's files or publish copies to registries and image repositories of
/// their own: they run beside <see cref="GeneratedServiceCollection"/>, on the same published service.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GeneratedServiceOwnRegistriesCollection : ICollectionFixture<GeneratedService>
{
    public const string Name = "Generated service, own registries";
}

/// <summary>
/// The template test that prunes the engine's build cache (a fresh CI runner's empty builder): it runs alone, after every
/// other template test, so no build that expects a cached layer runs while it prunes (and it holds <see cref="BuildCacheLock"/>
/// against the other test projects' builds).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GeneratedServicePrunedBuilderCollection : ICollectionFixture<GeneratedService>
{
    public const string Name = "Generated service, pruned builder";
}
