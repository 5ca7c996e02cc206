using Slipway.IO;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// A repository with two images as a team has it (issue 24): an API and a worker sharing a classlib, an xunit test
/// project and <c>Directory.Build.props</c> (<see cref="ExistingRepository"/>), Visual Studio's Dockerfile in each
/// service's folder, then <c>dotnet new slipway-build</c>, committed and tagged <c>v1.2.3</c>. Made once per test class;
/// each test publishes a copy of it to a registry namespace of its own.
/// </summary>
public sealed class TwoImageRepository
{
    /// <summary>The image names Slipway gives the two projects.</summary>
    public const string Api = "contoso-api", Worker = "contoso-worker";

    /// <summary>Makes the <c>.sln</c> repository (no central package management).</summary>
    public TwoImageRepository() : this("contoso-two-images", centralPackages: false)
    {
    }

    private TwoImageRepository(string name, bool centralPackages)
    {
        if (!Components.Tests.Infrastructure.DockerEnvironment.Current.IsAvailable) return;
        var pack = TemplatePack.Shared;
        Repository = Create(pack, pack.Workspace / $"{name}-{Guid.NewGuid().ToString("N")[..6]}", centralPackages, out var changed);
        ChangedByAdoption = changed;
    }

    /// <summary>The repository (null where docker is absent: the tests skip before they read it).</summary>
    public AbsolutePath? Repository { get; }

    /// <summary>Existing files that <c>dotnet new slipway-build</c> changed: none, if it keeps its word.</summary>
    public IReadOnlyList<string> ChangedByAdoption { get; } = [];

    /// <summary>The <c>.slnx</c> repository with central package management, made on demand.</summary>
    public static TwoImageRepository WithSlnxAndCentralPackages() => new("contoso-two-images-slnx", centralPackages: true);

    /// <summary>A copy of the repository, with its history and tags, for one test to change and publish.</summary>
    public AbsolutePath Copy(string name)
    {
        var target = TemplatePack.Shared.Workspace / $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        Commands.Check("cp", ["-a", Repository!, target], TemplatePack.Shared.Workspace);
        return target;
    }

    private static AbsolutePath Create(TemplatePack pack, AbsolutePath directory, bool centralPackages, out IReadOnlyList<string> changed)
    {
        var repository = ExistingRepository.Create(directory, centralPackages, worker: true);
        VisualStudioDockerfile.Write(repository, "Contoso.Api", web: true);
        VisualStudioDockerfile.Write(repository, "Contoso.Worker", web: false);
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "Docker support as Visual Studio adds it, to both services");
        pack.New(repository, "slipway-build", "--ci", "github");
        changed = [.. ExistingRepository.Status(repository).Where(line => !line.StartsWith("?? ", StringComparison.Ordinal))];
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "Slipway's build");
        Commands.Git(repository, "tag", "v1.2.3");
        return repository;
    }
}
