using Serilog;
using Slipway.Components.Docker;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>
/// The build names (<c>&lt;image&gt;:build-&lt;nonce&gt;</c>) this checkout loaded into the engine and no longer needs, kept
/// in <c>.nuke/temp/retired-images</c> until the next build removes them, in the background while it builds: removing the
/// last name of an image makes the engine collect its content, which takes seconds. Only names this checkout loaded are
/// removed, so a build on another checkout of the same engine keeps its own; an image another name still holds stays.
/// </summary>
internal static class RetiredImages
{
    private static AbsolutePath File(AbsolutePath temporaryDirectory) => temporaryDirectory / "retired-images";

    /// <summary>Retires <paramref name="reference"/>, a build name of <paramref name="image"/>: the next build removes it. Any other name is left alone.</summary>
    public static void Add(AbsolutePath temporaryDirectory, string image, string reference)
    {
        ArgumentNullException.ThrowIfNull(temporaryDirectory);
        if (!IsBuildName(image, reference)) return;
        temporaryDirectory.CreateDirectory();
        System.IO.File.AppendAllLines(File(temporaryDirectory), [reference]);
    }

    /// <summary>
    /// Takes the retired names of <paramref name="image"/> off the list at once, then removes them from the engine
    /// (<c>docker image rm --no-prune</c>, one call). Never fails: a name already gone, or whose image a container uses, stays
    /// as it is.
    /// </summary>
    public static async Task RemoveAsync(AbsolutePath temporaryDirectory, DockerCli docker, string image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(temporaryDirectory);
        ArgumentNullException.ThrowIfNull(docker);
        var file = File(temporaryDirectory);
        if (!file.FileExists()) return;
        var names = System.IO.File.ReadAllLines(file).Select(l => l.Trim()).Where(l => IsBuildName(image, l)).Distinct(StringComparer.Ordinal).ToList();
        file.DeleteFile();
        if (names.Count == 0) return;
        try
        {
            var removed = await docker.TryAsync(cancellationToken, ["image", "rm", "--no-prune", .. names]);
            Log.Debug("Removed the earlier build names {Names} from the engine{Failure}", string.Join(", ", names),
                removed.ExitCode == 0 ? "" : $" (not all: {removed.StandardError.Trim()})");
        }
        catch (ToolFailedException ex)
        {
            Log.Debug("The earlier build names {Names} were not removed: {Message}", string.Join(", ", names), ex.Message);
        }
    }

    private static bool IsBuildName(string image, string reference) =>
        reference.StartsWith($"{image}:{ImageBuildRequest.LocalTagPrefix}", StringComparison.Ordinal)
        && !reference.Any(char.IsWhiteSpace);
}
