using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Sbom;

/// <summary>The inputs of one SBOM, explicit so that it is produced without the engine.</summary>
internal sealed record SbomSettings
{
    public required AbsolutePath RootDirectory { get; init; }

    /// <summary><c>artifacts/image.json</c>: the image the SBOM describes.</summary>
    public required AbsolutePath ImageRecordFile { get; init; }

    /// <summary>The Dockerfile; its <c>dotnet publish</c> names the project.</summary>
    public required AbsolutePath Dockerfile { get; init; }

    /// <summary>The build context the Dockerfile's paths are resolved against; null for the Dockerfile's directory.</summary>
    public AbsolutePath? ContextDirectory { get; init; }

    /// <summary>The image's own project, when known: chosen when <see cref="Project"/> is null.</summary>
    public AbsolutePath? ImageProject { get; init; }

    /// <summary>The project to list the NuGet packages of (<c>--sbom-project</c>); null chooses it from the Dockerfile or src/.</summary>
    public AbsolutePath? Project { get; init; }

    /// <summary>The SBOM to write, e.g. <c>artifacts/sbom/acme-orders.cdx.json</c>.</summary>
    public required AbsolutePath OutputFile { get; init; }

    /// <summary>Where the CycloneDX tool is installed (and reused from): <c>.nuke/temp/tools/cyclonedx-6.3.1</c>.</summary>
    public required AbsolutePath ToolDirectory { get; init; }

    /// <summary>A scratch directory for the tool's document and the files copied out of the image (<c>.nuke/temp/sbom</c>).</summary>
    public required AbsolutePath WorkDirectory { get; init; }

    /// <summary>Reads the OS packages of an image id into a scratch directory; null when the image has no package database.</summary>
    public required Func<string, AbsolutePath, Task<OsPackages?>> ReadOsPackages { get; init; }

    /// <summary>Adjusts the CycloneDX command before it runs (the component's <c>ConfigureCycloneDx</c> hook).</summary>
    public Func<ToolCommand, ToolCommand> Configure { get; init; } = c => c;

    /// <summary>Edits the CycloneDX tool's settings before the command is made (the component's typed <c>ConfigureCycloneDx</c> hook).</summary>
    public Func<CycloneDxSettings, CycloneDxSettings> ConfigureSettings { get; init; } = s => s;

    /// <summary>Slipway's version for <c>metadata.tools</c>; null lists no Slipway entry.</summary>
    public string? SlipwayVersion { get; init; }
}
