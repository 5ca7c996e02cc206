using Serilog;
using Slipway.Components.Docker;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Sbom;

/// <summary>
/// Reads the dpkg database and os-release out of an image without running it: <c>docker create</c> (a container that is
/// never started), <c>docker cp</c> of <c>/var/lib/dpkg/status</c>, <c>/var/lib/dpkg/status.d</c> and os-release, then
/// <c>docker rm</c>. Works for images without a shell (distroless, chiseled).
/// </summary>
internal sealed class ImagePackageReader(DockerCli docker)
{
    public const string StatusFile = "/var/lib/dpkg/status";
    public const string StatusDirectory = "/var/lib/dpkg/status.d";

    /// <summary>What Ubuntu chiseled images built with Chisel 1.0 record their slices in instead of a dpkg database (zstd-compressed).</summary>
    public const string ChiselManifest = "/var/lib/chisel/manifest.wall";

    /// <summary>Where os-release is looked for, in order (<c>/etc/os-release</c> is usually a link to the other).</summary>
    public static readonly IReadOnlyList<string> OsReleaseFiles = ["/etc/os-release", "/usr/lib/os-release"];

    /// <summary>
    /// The image's OS packages, or null when it has no dpkg database (neither status nor status.d). The files are copied
    /// into <paramref name="workDirectory"/>, which is emptied first.
    /// </summary>
    public async Task<OsPackages?> ReadAsync(string image, AbsolutePath workDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(workDirectory);
        var container = await CreateAsync(image, cancellationToken);
        try
        {
            return await ReadContainerAsync(container, workDirectory, cancellationToken);
        }
        finally
        {
            await RemoveAsync(container);
        }
    }

    /// <summary>The OS packages of an existing (created, not necessarily started) container.</summary>
    internal async Task<OsPackages?> ReadContainerAsync(string container, AbsolutePath workDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workDirectory);
        workDirectory.DeleteDirectory();
        workDirectory.CreateDirectory();
        var status = workDirectory / "status";
        var statusDirectory = workDirectory / "status.d";
        var hasStatus = await CopyAsync(container, StatusFile, status, cancellationToken);
        var hasStatusDirectory = await CopyAsync(container, StatusDirectory, statusDirectory, cancellationToken);
        if (!hasStatus && !hasStatusDirectory)
        {
            if (await CopyAsync(container, ChiselManifest, workDirectory / "manifest.wall", cancellationToken))
                Log.Information("The image has no dpkg database but a Chisel manifest ({Manifest}), which the SBOM does not read", ChiselManifest);
            return null;
        }

        OsRelease? release = null;
        foreach (var file in OsReleaseFiles)
        {
            var copy = workDirectory / "os-release";
            if (!await CopyAsync(container, file, copy, cancellationToken)) continue;
            release = OsRelease.Parse(copy.ReadAllText());
            if (release is not null) break;
        }
        if (release is null)
            Log.Warning("The image has a dpkg database but no os-release with an ID; its packages are named as Debian's, without a distro version");

        var packages = DpkgStatusParser.ParseDatabase(hasStatus ? status.ToString() : null, hasStatusDirectory ? statusDirectory.ToString() : null);
        string[] database = [.. new[] { hasStatus ? StatusFile : null, hasStatusDirectory ? StatusDirectory + "/" : null }.OfType<string>()];
        return new OsPackages(release ?? OsRelease.UnknownDebian, packages, database);
    }

    private async Task<string> CreateAsync(string image, CancellationToken cancellationToken)
    {
        // The command word only satisfies images that declare neither ENTRYPOINT nor CMD: the container is never started.
        var result = await docker.TryAsync(cancellationToken, "create", "--pull", "never", image, "slipway-sbom");
        var id = result.StandardOutput.Trim().Split('\n').LastOrDefault()?.Trim();
        if (result.ExitCode != 0 || string.IsNullOrEmpty(id))
        {
            throw new BuildFailedException(
                $"'docker create {image}' failed (exit code {result.ExitCode}), so the image's OS packages cannot be read: " +
                $"{Tail(result)}. Is the image still in the engine? Run DockerBuild again.");
        }
        return id;
    }

    /// <summary>Copies a path out of the container (following links); false when the container has no such path.</summary>
    private async Task<bool> CopyAsync(string container, string path, AbsolutePath destination, CancellationToken cancellationToken)
    {
        var result = await docker.TryAsync(cancellationToken, "cp", "--follow-link", $"{container}:{path}", destination);
        if (result.ExitCode == 0) return true;
        if (IsMissingPath(result.StandardError + "\n" + result.StandardOutput)) return false;
        throw new BuildFailedException($"'docker cp {container}:{path}' failed (exit code {result.ExitCode}): {Tail(result)}");
    }

    private async Task RemoveAsync(string container)
    {
        try
        {
            var result = await docker.TryAsync(CancellationToken.None, "rm", "--force", container);
            if (result.ExitCode != 0) Log.Warning("Could not remove the container {Container}: {Error}", container, Tail(result));
        }
        catch (ToolFailedException ex)
        {
            Log.Warning("Could not remove the container {Container}: {Error}", container, ex.Message);
        }
    }

    /// <summary>True for docker's answer to a path the container does not have (Docker 26: "Could not find the file …").</summary>
    internal static bool IsMissingPath(string output) =>
        output.Contains("Could not find the file", StringComparison.OrdinalIgnoreCase)
        || output.Contains("No such container:path", StringComparison.OrdinalIgnoreCase)
        || output.Contains("no such file or directory", StringComparison.OrdinalIgnoreCase);

    private static string Tail(ToolResult result) =>
        string.Join(" / ", result.Output.TakeLast(5).Select(l => l.Text.Trim()).Where(l => l.Length > 0)) is { Length: > 0 } text ? text : "no output";
}
