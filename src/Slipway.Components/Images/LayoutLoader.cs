using Serilog;
using Slipway.Components.Docker;
using Slipway.Components.Platforms;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>The blobs the engine holds under an image of its own: everything <see cref="Image"/> reaches.</summary>
/// <param name="Image">The image the engine holds, under its build reference.</param>
/// <param name="Blobs">The digests that image reaches.</param>
internal sealed record HeldBlobs(LoadedImage Image, IReadOnlySet<string> Blobs);

/// <summary>What a load sent, and docker's answer.</summary>
internal sealed record LayoutLoad(OciArchive Archive, ToolResult Tool);

/// <summary>
/// Loads the image of an OCI layout into the engine (<c>docker load</c>, the layout streamed as an archive), without the
/// blobs the engine holds already. The containerd image store takes a blob an archive leaves out from its content store,
/// and keeps every blob an image it holds reaches; so while the previous build's image is held under its own name, only
/// what the new image does not share with it (its index, manifests, configs and changed layers) is sent.
/// </summary>
internal sealed class LayoutLoader(DockerCli docker)
{
    /// <summary>
    /// Whether the engine still holds <paramref name="image"/>: its reference resolves to its id. A name that is gone, or
    /// now names another image, holds nothing this load can count on.
    /// </summary>
    public async Task<bool> HoldsAsync(LoadedImage? image, CancellationToken cancellationToken)
    {
        if (image is null) return false;
        var inspect = await docker.TryAsync(cancellationToken, "image", "inspect", "--format", "{{.Id}}", image.Reference);
        return inspect.ExitCode == 0 && inspect.StandardOutput.Trim() == image.Id;
    }

    /// <summary>
    /// Loads the image <c>index.json</c> names, leaving out <paramref name="held"/>'s blobs. When that load fails (the
    /// engine lost them after all), the whole image is loaded. The caller judges the exit code of the result.
    /// </summary>
    public async Task<LayoutLoad> LoadAsync(OciLayout layout, HeldBlobs? held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var archive = layout.Archive(held?.Blobs);
        if (archive.IsWhole)
            Log.Information("Loading the image into the engine: {Blobs} blobs, {Size}", archive.ImageBlobs, ByteSize.Describe(archive.ImageBytes));
        else if (archive.Blobs.Count == 0)
            Log.Information("The engine holds every blob of the image under {Reference}, this checkout's previous build: loading its name only", held!.Image.Reference);
        else
            Log.Information("Loading {Blobs} of {All} blobs into the engine ({Size} of {AllSize}): it holds the rest under {Reference}, this checkout's previous build",
                archive.Blobs.Count, archive.ImageBlobs, ByteSize.Describe(archive.Bytes), ByteSize.Describe(archive.ImageBytes), held!.Image.Reference);

        var result = await Load(archive).ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0 && !archive.IsWhole)
        {
            Log.Warning("Loading only the new blobs failed ({Error}): loading the whole image", result.StandardError.Trim());
            archive = layout.Archive();
            result = await Load(archive).ExecuteAsync(cancellationToken);
        }
        return new LayoutLoad(archive, result);
    }

    private ToolCommand Load(OciArchive archive) =>
        docker.Command("load", "--quiet").WithExitCodeValidation(false).WithStandardInput(archive.WriteAsync);
}
