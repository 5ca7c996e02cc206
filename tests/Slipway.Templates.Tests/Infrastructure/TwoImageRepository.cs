using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// A repository with two images as a team has it (issue 24): an API and a worker sharing a classlib, an xunit test
/// project and <c>Directory.Build.props</c> (<see cref="ExistingRepository"/>), Visual Studio's Dockerfile in each
/// service's folder, then <c>dotnet new slipway-build</c>, committed and tagged <c>v1.2.3</c>. (The <c>.slnx</c> variant's
/// worker has no Dockerfile from Visual Studio: the build's <c>AddDockerfile</c> target writes it.) Made once per test class;
/// <see cref="Published"/> is one Publish of a copy of it, made once on first use, that the tests read or build on.
/// </summary>
public sealed class TwoImageRepository
{
    /// <summary>The image names Slipway gives the two projects.</summary>
    public const string Api = "contoso-api", Worker = "contoso-worker";

    private readonly Lazy<PublishedCopy> _published;

    /// <summary>Makes the <c>.sln</c> repository (no central package management).</summary>
    public TwoImageRepository() : this("contoso-two-images", centralPackages: false, workerFromAddDockerfile: false)
    {
    }

    private TwoImageRepository(string name, bool centralPackages, bool workerFromAddDockerfile)
    {
        _published = new(() => PublishCopy("both"), LazyThreadSafetyMode.ExecutionAndPublication);
        if (!DockerEnvironment.Current.IsAvailable) return;
        var pack = TemplatePack.Shared;
        Repository = Create(pack, pack.Workspace / $"{name}-{Guid.NewGuid().ToString("N")[..6]}", centralPackages, workerFromAddDockerfile, out var changed, out var added);
        ChangedByAdoption = changed;
        AddDockerfileRun = added;
    }

    /// <summary>The repository (null where docker is absent: the tests skip before they read it).</summary>
    public AbsolutePath? Repository { get; }

    /// <summary>Existing files that <c>dotnet new slipway-build</c> changed: none, if it keeps its word.</summary>
    public IReadOnlyList<string> ChangedByAdoption { get; } = [];

    /// <summary>The run of <c>./build.sh AddDockerfile --project src/Contoso.Worker</c> that wrote the worker's Dockerfile, if one did.</summary>
    public ToolResult? AddDockerfileRun { get; }

    /// <summary>
    /// A copy published once with <c>./build.sh Publish --registry &lt;its own namespace&gt;</c>, both images in one run.
    /// Tests that change it work on a <see cref="Copy"/> of <see cref="PublishedCopy.Repository"/>.
    /// </summary>
    public PublishedCopy Published => _published.Value;

    /// <summary>
    /// The <c>.slnx</c> repository with central package management, made on demand; its worker's Dockerfile is the one
    /// <c>./build.sh AddDockerfile --project src/Contoso.Worker</c> writes, committed with the build.
    /// </summary>
    public static TwoImageRepository WithSlnxAndCentralPackages() => new("contoso-two-images-slnx", centralPackages: true, workerFromAddDockerfile: true);

    /// <summary>A copy of the repository, with its history and tags, for one test to change and publish.</summary>
    public AbsolutePath Copy(string name) => Copy(Repository!, name);

    /// <summary>A copy of <paramref name="repository"/> (its history, tags and artifacts) for one test to change.</summary>
    public static AbsolutePath Copy(AbsolutePath repository, string name)
    {
        var target = TemplatePack.Shared.Workspace / $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        Commands.Check("cp", ["-a", repository, target], TemplatePack.Shared.Workspace);
        return target;
    }

    /// <summary>A registry namespace of one test's own under the local registry.</summary>
    public static string Namespace(string test) => $"{DockerEnvironment.Current.Registry}/e2e-multi-{test}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary><c>./build.sh Publish --registry <paramref name="registry"/></c> with the given arguments.</summary>
    public static ToolResult Publish(AbsolutePath repository, string registry, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Commands.Run(repository / "build.sh", ["Publish", "--registry", registry, .. arguments], repository,
            TemplatePack.Shared.BuildEnvironment(environment), TimeSpan.FromMinutes(20));

    private PublishedCopy PublishCopy(string name)
    {
        var repository = Copy(name);
        var registry = Namespace(name);
        return new PublishedCopy(repository, registry, Publish(repository, registry, null));
    }

    private static AbsolutePath Create(TemplatePack pack, AbsolutePath directory, bool centralPackages, bool workerFromAddDockerfile,
        out IReadOnlyList<string> changed, out ToolResult? added)
    {
        var repository = ExistingRepository.Create(directory, centralPackages, worker: true);
        VisualStudioDockerfile.Write(repository, "Contoso.Api", web: true);
        if (!workerFromAddDockerfile) VisualStudioDockerfile.Write(repository, "Contoso.Worker", web: false);
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "Docker support as Visual Studio adds it");
        pack.New(repository, "slipway-build", "--ci", "github");
        changed = [.. ExistingRepository.Status(repository).Where(line => !line.StartsWith("?? ", StringComparison.Ordinal))];
        added = workerFromAddDockerfile
            ? Commands.Run(repository / "build.sh", ["AddDockerfile", "--project", "src/Contoso.Worker"], repository, pack.BuildEnvironment())
            : null;
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "Slipway's build");
        Commands.Git(repository, "tag", "v1.2.3");
        return repository;
    }
}

/// <summary>A repository published once: where it is, the registry namespace it published to, and the run.</summary>
public sealed record PublishedCopy(AbsolutePath Repository, string Registry, ToolResult Run);
