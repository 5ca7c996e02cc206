using Serilog;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Sbom;

/// <summary>
/// The CycloneDX module for .NET (the <c>CycloneDX</c> dotnet tool), pinned to <see cref="Version"/>: installed on demand
/// into <c>.nuke/temp/tools/cyclonedx-&lt;version&gt;</c> with <c>dotnet tool install --tool-path</c> (from the repository's
/// own NuGet sources) and reused while present; run on one restored project, offline.
/// </summary>
internal static class CycloneDxTool
{
    public const string PackageId = "CycloneDX";
    public const string Version = "6.3.1";

    /// <summary>The CycloneDX specification version the tool writes: 1.6, the newest the rest of the chain reads.</summary>
    public const string SpecVersion = "1.6";

    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(5);

    /// <summary><c>&lt;temp&gt;/tools/cyclonedx-6.3.1</c>.</summary>
    public static AbsolutePath ToolDirectory(AbsolutePath temporaryDirectory)
    {
        ArgumentNullException.ThrowIfNull(temporaryDirectory);
        return temporaryDirectory / "tools" / $"cyclonedx-{Version}";
    }

    /// <summary>The tool's executable in <paramref name="toolDirectory"/> (<c>dotnet-CycloneDX</c>).</summary>
    public static AbsolutePath Executable(AbsolutePath toolDirectory)
    {
        ArgumentNullException.ThrowIfNull(toolDirectory);
        return toolDirectory / (OperatingSystem.IsWindows() ? "dotnet-CycloneDX.exe" : "dotnet-CycloneDX");
    }

    /// <summary>True when the pinned version is installed in <paramref name="toolDirectory"/>: its executable and its package in the tool store.</summary>
    public static bool IsInstalled(AbsolutePath toolDirectory) =>
        Executable(toolDirectory).FileExists() && (toolDirectory / ".store" / PackageId.ToLowerInvariant() / Version).DirectoryExists();

    /// <summary>
    /// The executable, installing the tool first when <paramref name="toolDirectory"/> does not hold it (an incomplete
    /// directory is removed first). Runs in <paramref name="workingDirectory"/>, so its NuGet.config applies.
    /// </summary>
    public static async Task<(AbsolutePath Executable, bool Installed)> EnsureInstalledAsync(
        AbsolutePath toolDirectory, AbsolutePath workingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolDirectory);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (IsInstalled(toolDirectory)) return (Executable(toolDirectory), false);

        toolDirectory.DeleteDirectory();
        var result = await Tool.Of("dotnet")
            .WithArguments(["tool", "install", PackageId, "--version", Version, "--tool-path", toolDirectory])
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironment("DOTNET_NOLOGO", "1")
            .WithEnvironment("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .WithTimeout(s_installTimeout)
            .WithExitCodeValidation(false)
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0 || !IsInstalled(toolDirectory))
        {
            throw new BuildFailedException(
                $"Could not install the {PackageId} dotnet tool {Version} into {toolDirectory} (exit code {result.ExitCode}); the SBOM " +
                "needs it. Check that the repository's NuGet sources serve the package." + LastLines(result));
        }
        Log.Information("Installed {Package} {Version} into {Directory} in {Seconds:0.0} s", PackageId, Version, toolDirectory, result.Duration.TotalSeconds);
        return (Executable(toolDirectory), true);
    }

    /// <summary>
    /// The command that writes the CycloneDX JSON of one project's NuGet packages, all transitive ones included:
    /// <list type="bullet">
    /// <item><c>--disable-package-restore</c>: read the project's existing <c>obj/project.assets.json</c>, no restore;</item>
    /// <item><c>--exclude-dev</c>: leave out development-only packages (analyzers, <c>PrivateAssets="all"</c>);</item>
    /// <item><c>--spec-version 1.6</c>, <c>--output-format Json</c>, <c>--output</c> and <c>--filename</c>;</item>
    /// <item><c>--no-serial-number</c>: the merged document gets a serial number derived from its content.</item>
    /// </list>
    /// Licences come from the packages' nuspecs in the local package folder; GitHub licence lookup stays off (it is
    /// only on with <c>--enable-github-licenses</c>), so the run needs no network.
    /// </summary>
    public static ToolCommand Command(AbsolutePath executable, AbsolutePath project, AbsolutePath outputFile, AbsolutePath workingDirectory,
        Func<CycloneDxSettings, CycloneDxSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(outputFile);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var outputDirectory = outputFile.Parent ?? throw new ArgumentException("The output file needs a directory.", nameof(outputFile));
        var settings = (configure ?? (s => s))(new CycloneDxSettings(project, outputDirectory, outputFile.Name));
        return Tool.Of(executable)
            .WithArguments(settings.ToArguments())
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironment("DOTNET_NOLOGO", "1")
            .WithEnvironment("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
    }

    /// <summary>
    /// Runs the command and returns the BOM it wrote. Fails naming the project and the tool's last lines when it exits
    /// non-zero or writes nothing.
    /// </summary>
    public static async Task<(string Json, TimeSpan Duration)> RunAsync(ToolCommand command, AbsolutePath project, AbsolutePath outputFile, AbsolutePath root)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(outputFile);
        ArgumentNullException.ThrowIfNull(root);
        outputFile.DeleteFile();
        var result = await command.WithExitCodeValidation(false).WithTimeout(TimeSpan.FromMinutes(10)).ExecuteAsync();
        if (result.ExitCode != 0 || !outputFile.FileExists())
        {
            var what = result.ExitCode != 0 ? $"exited with code {result.ExitCode}" : $"wrote no {outputFile.Name}";
            throw new BuildFailedException(
                $"The {PackageId} tool {what} on {project.RelativeTo(root)}, so there is no list of its NuGet packages for the SBOM. " +
                $"Check that the project restores ('dotnet restore {project.RelativeTo(root)}'), or name the service's project with --sbom-project." +
                LastLines(result));
        }
        return (outputFile.ReadAllText(), result.Duration);
    }

    private static string LastLines(ToolResult result)
    {
        var tail = result.Output.TakeLast(15).Select(l => "    " + l.Text).ToList();
        return tail.Count == 0 ? "" : Environment.NewLine + "  last lines of output:" + Environment.NewLine + string.Join(Environment.NewLine, tail);
    }
}
