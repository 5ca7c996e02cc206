using Slipway.IO;

namespace Slipway.Components.Tests.Infrastructure;

/// <summary>Files of this repository the tests read: found by walking up from the test assembly to the repository root.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<AbsolutePath> s_root = new(FindRoot);

    /// <summary>The repository root (the directory that holds <c>tests/infra</c>).</summary>
    public static AbsolutePath Root => s_root.Value;

    /// <summary><c>tests/infra/sample-service</c>: the ASP.NET service the image-build tests build.</summary>
    public static AbsolutePath SampleService => Root / "tests" / "infra" / "sample-service";

    /// <summary><c>tests/infra/container-env.sh</c>: brings up Docker, the registry and the base images.</summary>
    public static AbsolutePath ContainerEnvScript => Root / "tests" / "infra" / "container-env.sh";

    /// <summary>A fixture file of a test folder, e.g. <c>Fixture("Images", "rawjson-warm.json")</c>.</summary>
    public static AbsolutePath Fixture(string folder, string name) => Root / "tests" / "Slipway.Components.Tests" / folder / "Fixtures" / name;

    private static AbsolutePath FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "tests", "infra"))) return AbsolutePath.Create(dir.FullName);
        }
        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds tests/infra; run the tests from the repository.");
    }
}
