using System.Reflection;
using Serilog;
using Slipway.Components.Images;
using Slipway.IO;

namespace Slipway.Components.Sbom;

/// <summary>What one SBOM run produced.</summary>
/// <param name="File">The SBOM written.</param>
/// <param name="Project">The service project whose NuGet packages it lists, and why that one.</param>
/// <param name="NuGetPackages">How many NuGet packages it lists (all transitive ones).</param>
/// <param name="OsPackages">How many OS packages it lists.</param>
/// <param name="HasPackageDatabase">False when the image has no dpkg database, so the SBOM lists NuGet packages only.</param>
/// <param name="Note">The summary line: <c>SBOM: N NuGet packages, M OS packages → artifacts/sbom/…</c>.</param>
internal sealed record SbomOutcome(AbsolutePath File, SbomProjectChoice Project, int NuGetPackages, int OsPackages, bool HasPackageDatabase, string Note);

/// <summary>
/// Produces the CycloneDX SBOM of the image DockerBuild recorded: the service project's NuGet packages from the
/// CycloneDX dotnet tool (run offline on the restored project), the image's OS packages from its dpkg database (read
/// while the tool runs), merged under the image as <c>metadata.component</c>, validated and written.
/// </summary>
internal static class SbomProducer
{
    public const string ProjectProperty = "slipway:sbom:project";

    /// <summary>The version of Slipway listed among the SBOM's tools (without the commit).</summary>
    public static string? SlipwayVersion { get; } =
        typeof(SbomProducer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    public static async Task<SbomOutcome> ProduceAsync(SbomSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = settings.RootDirectory;
        var image = ImageRecord.Read(settings.ImageRecordFile)
            ?? throw new BuildFailedException(
                $"There is no image record at {settings.ImageRecordFile.RelativeTo(root)}, so there is no image to describe: " +
                "run DockerBuild first (./build.sh DockerBuild Sbom).");
        if (string.IsNullOrWhiteSpace(image.ImageId))
            throw new BuildFailedException($"The image record {settings.ImageRecordFile.RelativeTo(root)} has no image id: run DockerBuild again.");

        var choice = SbomProjectLocator.Locate(settings.Project, settings.Dockerfile, root, settings.ContextDirectory, settings.ImageProject);
        var project = choice.Project;
        Log.Information("SBOM of {Reference} ({ImageId}): NuGet packages of {Project}, chosen by {Reason}",
            image.LocalReference, image.ImageId, project.RelativeTo(root), choice.Reason);
        RequireRestored(project, root);

        settings.WorkDirectory.CreateDirectory();
        var reading = settings.ReadOsPackages(image.ImageId, settings.WorkDirectory / "image");
        string toolBom;
        try
        {
            toolBom = await ListNuGetPackagesAsync(settings, project);
        }
        catch
        {
            await Task.WhenAny(reading); // the reader removes its container before the build stops
            throw;
        }
        var os = await reading;
        if (os is null || os.Packages.Count == 0)
        {
            Log.Warning("The image {ImageId} has {What}, so its SBOM lists the NuGet packages only (legal for distroless images without dpkg data)",
                image.ImageId, os is null ? $"no package database ({ImagePackageReader.StatusFile} or {ImagePackageReader.StatusDirectory}/)" : "an empty package database");
        }
        else
        {
            Log.Information("{Count} OS packages of {Distro} in {Database}", os.Packages.Count, os.Release.PrettyName ?? os.Release.Id, string.Join(", ", os.Database));
        }

        var (container, containerRef) = ContainerComponent.From(image, [
            (ProjectProperty, project.RelativeTo(root)),
            (ContainerComponent.PropertyPrefix + "os", os?.Release.PrettyName),
            (ContainerComponent.PropertyPrefix + "package-database", os is null ? null : string.Join(", ", os.Database)),
        ]);
        var merged = BomMerger.Merge(new BomMergeInput
        {
            ToolBom = toolBom,
            Os = os,
            Container = container,
            ContainerRef = containerRef,
            Timestamp = image.Created,
            SlipwayVersion = settings.SlipwayVersion,
        });
        var relative = settings.OutputFile.RelativeTo(root);
        BomValidator.EnsureValid(merged.Document, relative);
        settings.OutputFile.WriteAllText(merged.ToJson());

        var note = $"SBOM: {merged.NuGetPackages} NuGet packages, {merged.OsPackages} OS packages → {relative}";
        return new SbomOutcome(settings.OutputFile, choice, merged.NuGetPackages, merged.OsPackages, os is { Packages.Count: > 0 }, note);
    }

    /// <summary>The project's <c>obj/project.assets.json</c>, which the tool reads: without it the tool would list nothing.</summary>
    internal static AbsolutePath AssetsFile(AbsolutePath project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return (project.Parent ?? project) / "obj" / "project.assets.json";
    }

    private static void RequireRestored(AbsolutePath project, AbsolutePath root)
    {
        var assets = AssetsFile(project);
        if (assets.FileExists()) return;
        throw new BuildFailedException(
            $"{project.RelativeTo(root)} is not restored: {assets.RelativeTo(root)} is missing, and the SBOM lists the packages " +
            $"that restore resolved. Restore first (./build.sh Restore Sbom, or 'dotnet restore {project.RelativeTo(root)}').");
    }

    private static async Task<string> ListNuGetPackagesAsync(SbomSettings settings, AbsolutePath project)
    {
        var root = settings.RootDirectory;
        var (executable, installed) = await CycloneDxTool.EnsureInstalledAsync(settings.ToolDirectory, root);
        if (!installed)
            Log.Information("Reusing {Package} {Version} from {Directory}", CycloneDxTool.PackageId, CycloneDxTool.Version, settings.ToolDirectory.RelativeTo(root));

        var output = settings.WorkDirectory / "nuget.cdx.json";
        var command = settings.Configure(CycloneDxTool.Command(executable, project, output, root, settings.ConfigureSettings));
        var (json, duration) = await CycloneDxTool.RunAsync(command, project, output, root);
        Log.Information("{Package} {Version} listed the packages of {Project} in {Seconds:0.0} s",
            CycloneDxTool.PackageId, CycloneDxTool.Version, project.RelativeTo(root), duration.TotalSeconds);
        return json;
    }
}
