using System.Diagnostics;
using Slipway.Components.Sbom;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Tests.Sbom;

/// <summary>
/// The tests that run the CycloneDX tool share one installation and one restored copy of the sample service, one test
/// at a time (each reads what it logged through a run of its own, so other tests may run beside them).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SbomToolCollection : ICollectionFixture<SbomToolFixture>
{
    public const string Name = "SBOM tool runs";
}

/// <summary>
/// The CycloneDX tool installed once (into a temporary <c>tools/cyclonedx-6.3.1</c>) and a restored copy of
/// tests/infra/sample-service. The sample service references no package itself, so the copy references
/// <see cref="PackageId"/> <see cref="PackageVersion"/>, which brings transitive packages along.
/// </summary>
public sealed class SbomToolFixture : IDisposable
{
    public const string PackageId = "Serilog.AspNetCore";
    public const string PackageVersion = "10.0.0";

    private readonly TemporaryDirectory _temp = new("slipway-sbom-tool");
    private readonly Lazy<Task<AbsolutePath>> _tool;
    private readonly Lazy<Task<AbsolutePath>> _service;

    public SbomToolFixture()
    {
        _tool = new(async () =>
        {
            var stopwatch = Stopwatch.StartNew();
            var (executable, installed) = await CycloneDxTool.EnsureInstalledAsync(ToolDirectory, _temp.Path);
            InstallTime = stopwatch.Elapsed;
            Assert.True(installed);
            return executable;
        });
        _service = new(async () =>
        {
            var service = _temp.CopyIn(RepositoryPaths.SampleService, "sample-service");
            var project = service / "SampleService.csproj";
            project.WriteAllText(project.ReadAllText().Replace("</Project>",
                $"  <ItemGroup>\n    <PackageReference Include=\"{PackageId}\" Version=\"{PackageVersion}\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
            await Tool.Of("dotnet").WithArguments(["restore", project]).WithWorkingDirectory(service)
                .WithEnvironment("DOTNET_NOLOGO", "1").WithOutputLogging(false).ExecuteAsync();
            return service;
        });
    }

    /// <summary>Where the tool is installed.</summary>
    public AbsolutePath ToolDirectory => CycloneDxTool.ToolDirectory(_temp.Path / "temp");

    /// <summary>How long the one installation took.</summary>
    public TimeSpan? InstallTime { get; private set; }

    /// <summary>The installed tool's executable.</summary>
    public Task<AbsolutePath> ToolAsync() => _tool.Value;

    /// <summary>The restored copy of the sample service (Dockerfile, SampleService.csproj, obj/project.assets.json).</summary>
    public Task<AbsolutePath> ServiceAsync() => _service.Value;

    /// <summary>A fresh directory of the fixture's temporary directory.</summary>
    public AbsolutePath NewDirectory(string prefix) => (_temp.Path / $"{prefix}-{Guid.NewGuid():N}").CreateDirectory();

    public void Dispose() => _temp.Dispose();
}
