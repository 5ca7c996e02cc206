using Serilog;
using Slipway.Components.Docker;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Images;

/// <summary>
/// The build names (<c>&lt;image&gt;:build-&lt;nonce&gt;</c>) this checkout loaded into the engine and no longer needs, kept
/// in <c>.nuke/temp/retired-images</c> until they are gone from the engine. Only names this checkout loaded are removed,
/// so a build on another checkout of the same engine keeps its own; an image another name still holds stays.
/// </summary>
/// <remarks>
/// Removing the last name of an image takes seconds, however small the image: docker reads every image in the engine
/// to check for dependent images, and containerd then collects garbage under a lock that BuildKit needs for each build
/// step. A removal beside a build made the build 1–2.5 s slower, so names are removed after the build's image is
/// loaded, beside the targets that follow. A local run does not wait for the removal at its end, as <c>git gc --auto</c>
/// does not: the names stay listed until it is done, and a run that finds them still listed removes them again. A CI run
/// waits, so that no process outlives its job.
/// </remarks>
internal static class RetiredImages
{
    private static AbsolutePath File(AbsolutePath temporaryDirectory) => temporaryDirectory / "retired-images";

    /// <summary>Retires <paramref name="reference"/>, a build name of <paramref name="image"/>, until <see cref="Remove"/> has removed it. Any other name is left alone.</summary>
    public static void Add(AbsolutePath temporaryDirectory, string image, string reference)
    {
        ArgumentNullException.ThrowIfNull(temporaryDirectory);
        if (!IsBuildName(image, reference)) return;
        temporaryDirectory.CreateDirectory();
        System.IO.File.AppendAllLines(File(temporaryDirectory), [reference]);
    }

    /// <summary>
    /// Starts removing the retired names of <paramref name="image"/> listed in <paramref name="temporaryDirectory"/> (the
    /// image's own, so that two images' removals never share a list) from the engine, while the run goes on. A CI run
    /// waits for it before it ends; a local run leaves it to finish in the background.
    /// </summary>
    public static void Remove(IDockerBuild build, DockerCli docker, string image, AbsolutePath temporaryDirectory)
    {
        ArgumentNullException.ThrowIfNull(build);
        var removing = RemoveAsync(temporaryDirectory, docker, image, BuildCancellation.Token);
        if (!build.Host.IsServerBuild) return;
        build.OnBuildFinished(() => removing.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Removes the retired names of <paramref name="image"/> from the engine (<c>docker image rm --no-prune</c>, one call),
    /// then takes them off the list. Never fails: a name already gone, or whose image a container uses, stays as it is.
    /// </summary>
    public static async Task RemoveAsync(AbsolutePath temporaryDirectory, DockerCli docker, string image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(temporaryDirectory);
        ArgumentNullException.ThrowIfNull(docker);
        var file = File(temporaryDirectory);
        if (!file.FileExists()) return;
        var names = System.IO.File.ReadAllLines(file).Select(l => l.Trim()).Where(l => IsBuildName(image, l)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 0)
        {
            try
            {
                var removed = await docker.TryAsync(cancellationToken, ["image", "rm", "--no-prune", .. names]);
                Log.Debug("Removed the earlier build names {Names} from the engine{Failure}", string.Join(", ", names),
                    removed.ExitCode == 0 ? "" : $" (not all: {removed.StandardError.Trim()})");
            }
            catch (ToolFailedException ex)
            {
                Log.Debug("The earlier build names {Names} were not removed: {Message}", string.Join(", ", names), ex.Message);
                return;
            }
        }
        file.DeleteFile();
    }

    private static bool IsBuildName(string image, string reference) =>
        reference.StartsWith($"{image}:{ImageBuildRequest.LocalTagPrefix}", StringComparison.Ordinal)
        && !reference.Any(char.IsWhiteSpace);
}
