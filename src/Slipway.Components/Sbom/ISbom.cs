using Slipway.Components.Catalog;
using Serilog;
using Slipway.Components.Docker;
using Slipway.Components.Images;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Sbom;

/// <summary>
/// A CycloneDX 1.6 JSON SBOM of the built image in <c>artifacts/sbom/&lt;image&gt;.cdx.json</c>: the service project's NuGet
/// packages, every transitive one with its version and purl, from the CycloneDX dotnet tool (installed on demand into
/// <c>.nuke/temp/tools/</c>, run offline on the restored project), and the image's OS packages from its own dpkg database
/// (<c>/var/lib/dpkg/status</c> and <c>status.d/</c>, copied out of the image without running it), with the image
/// itself as <c>metadata.component</c>. An image without a package database (distroless without dpkg data) gets an SBOM
/// of its NuGet packages and a warning.
/// </summary>
public interface ISbom : IDockerBuild
{
    /// <summary>
    /// The service project whose NuGet packages the SBOM lists. Null chooses the project the Dockerfile's
    /// <c>RUN dotnet publish &lt;path&gt;</c> names (resolved against the build context), else the single non-test project under <c>src/</c>.
    /// </summary>
    [Parameter("Project whose NuGet packages the SBOM lists (default: the Dockerfile's 'dotnet publish' project, else the single non-test project under src/)")]
    AbsolutePath? SbomProject => TryGetValue(() => SbomProject);

    /// <summary><c>artifacts/sbom/</c>.</summary>
    AbsolutePath SbomDirectory => ArtifactsDirectory / "sbom";

    /// <summary>The SBOM of the one <see cref="IContainerImage.SelectedImage"/> (<see cref="SbomFileOf"/>), for the targets that work on one image.</summary>
    AbsolutePath SbomFile => SbomFileOf(SelectedImage);

    /// <summary><c>artifacts/sbom/&lt;image&gt;.cdx.json</c>: the CycloneDX JSON SBOM of <paramref name="image"/>.</summary>
    AbsolutePath SbomFileOf(ContainerImage image) => SbomDirectory / $"{image.Name}.cdx.json";

    /// <summary>Adjusts the CycloneDX tool's command line; override with an explicit interface implementation.</summary>
    /// <example><c>ToolCommand ISbom.ConfigureCycloneDx(ToolCommand c) => c.AddArguments("--framework", "net10.0");</c></example>
    ToolCommand ConfigureCycloneDx(ToolCommand command) => command;

    /// <summary>
    /// Edits the CycloneDX tool's typed settings (test projects, development dependencies, raw arguments) before the
    /// command is made; the <see cref="ConfigureCycloneDx(ToolCommand)"/> hook then sees the whole command. Unchanged by default.
    /// </summary>
    /// <example><c>CycloneDxSettings ISbom.ConfigureCycloneDx(CycloneDxSettings s) => s with { ExcludeTestProjects = true };</c></example>
    CycloneDxSettings ConfigureCycloneDx(CycloneDxSettings settings) => settings;

    /// <summary>Writes the SBOM of each image DockerBuild recorded.</summary>
    Target Sbom => _ => _
        .Description("Writes the CycloneDX SBOM of each built image (NuGet and OS packages) to artifacts/sbom/")
        .DependsOn<IDockerBuild>(x => x.DockerBuild)
        .OnlyWhenStatic(() => !Invocation.Targets.Contains(MergeJob.IndexTarget) && !Invocation.Targets.Contains(MergeJob.SetTarget))
        .Validates(() => ImagesToPublish)
        .Executes(async () =>
        {
            foreach (var image in ImagesToPublish) await WriteSbomAsync(image);
        });

    /// <summary>Writes <paramref name="image"/>'s SBOM from its record to <see cref="SbomFileOf"/>.</summary>
    private async Task WriteSbomAsync(ContainerImage image)
    {
        // Reading a local image needs no registry login: the plain client, on the daemon the environment names.
        var reader = new ImagePackageReader(DockerCli.For(Host.Environment));
        var outcome = await SbomProducer.ProduceAsync(new SbomSettings
        {
            RootDirectory = RootDirectory,
            ImageRecordFile = image.RecordFile,
            Dockerfile = image.Dockerfile,
            ContextDirectory = image.Context,
            ImageProject = image.Project,
            Project = ContainerImages.Count > 1 ? null : SbomProject,
            OutputFile = SbomFileOf(image),
            ToolDirectory = CycloneDxTool.ToolDirectory(TemporaryDirectory),
            WorkDirectory = ImageFiles.Under(TemporaryDirectory / "sbom", image, ContainerImages),
            ReadOsPackages = (local, directory) => reader.ReadAsync(local, directory, BuildCancellation.Token),
            Configure = ConfigureCycloneDx,
            ConfigureSettings = ConfigureCycloneDx,
            SlipwayVersion = SbomProducer.SlipwayVersion,
        });
        Log.Information("{Note}", outcome.Note);
        ReportSummary(image, outcome.Note);
    }
}
