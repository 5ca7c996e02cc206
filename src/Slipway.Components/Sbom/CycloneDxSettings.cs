namespace Slipway.Components.Sbom;

/// <summary>
/// The command line of the CycloneDX .NET tool, which lists the service project's NuGet packages for the SBOM, edited in
/// <see cref="ISbom.ConfigureCycloneDx(CycloneDxSettings)"/>. Slipway merges the JSON document it writes with the
/// image's OS packages, so the project, output, format and spec version can be read here but not changed.
/// </summary>
/// <example><c>CycloneDxSettings ISbom.ConfigureCycloneDx(CycloneDxSettings s) => s with { ExcludeTestProjects = true };</c></example>
public sealed record CycloneDxSettings : ToolSettings
{
    internal CycloneDxSettings(string project, string outputDirectory, string fileName)
    {
        Project = project;
        OutputDirectory = outputDirectory;
        FileName = fileName;
    }

    /// <summary>The project (or solution) whose packages are listed, the first argument.</summary>
    public string Project { get; }

    /// <summary>The directory the document is written to (<c>--output</c>).</summary>
    public string OutputDirectory { get; }

    /// <summary>The document's file name (<c>--filename</c>).</summary>
    public string FileName { get; }

    /// <summary>The document's format (<c>--output-format</c>): <c>Json</c>, which Slipway reads.</summary>
    public string OutputFormat { get; internal init; } = "Json";

    /// <summary>The CycloneDX specification version of the document (<c>--spec-version</c>).</summary>
    public string SpecVersion { get; internal init; } = CycloneDxTool.SpecVersion;

    /// <summary>Leaves out development dependencies, such as analyzers (<c>--exclude-dev</c>); true by default.</summary>
    public bool ExcludeDev { get; init; } = true;

    /// <summary>Leaves out test projects (<c>--exclude-test-projects</c>), for a solution given with <c>--sbom-project</c>.</summary>
    public bool ExcludeTestProjects { get; init; }

    /// <summary>Reads the packages restore resolved instead of restoring again (<c>--disable-package-restore</c>); true by default.</summary>
    public bool DisablePackageRestore { get; init; } = true;

    /// <summary>Writes no random serial number (<c>--no-serial-number</c>), so one commit yields one document; true by default.</summary>
    public bool NoSerialNumber { get; init; } = true;

    private protected override IEnumerable<string> RenderArguments()
    {
        yield return Project;
        yield return "--output";
        yield return OutputDirectory;
        yield return "--filename";
        yield return FileName;
        yield return "--output-format";
        yield return OutputFormat;
        yield return "--spec-version";
        yield return SpecVersion;
        if (ExcludeDev) yield return "--exclude-dev";
        if (ExcludeTestProjects) yield return "--exclude-test-projects";
        if (DisablePackageRestore) yield return "--disable-package-restore";
        if (NoSerialNumber) yield return "--no-serial-number";
    }
}
