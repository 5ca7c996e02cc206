namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1130</c> info: several images share this build context (Visual Studio's layout: the solution folder), and the
/// context, as its ignore file leaves it, holds the folders of the other images' projects. A change there reaches this
/// image's build (a <c>COPY . .</c>), so its build stages run again though its image comes out the same. The fix is a
/// Dockerfile-specific ignore file beside the Dockerfile (<c>Dockerfile.dockerignore</c>), which BuildKit reads instead
/// of the context's <c>.dockerignore</c>. Advice only: it never fails the build.
/// </summary>
internal static class SharedContextCheck
{
    /// <summary>The finding for <paramref name="dockerfilePath"/>, or none when no other image's folder is in its context.</summary>
    /// <param name="dockerfilePath">The image's Dockerfile.</param>
    /// <param name="contextDirectory">Its build context.</param>
    /// <param name="ignore">The ignore file Docker uses for it (null: none).</param>
    /// <param name="otherImageFolders">The project folders of the repository's other images.</param>
    public static IEnumerable<LintFinding> Check(string dockerfilePath, string contextDirectory, DockerIgnore? ignore, IReadOnlyList<string> otherImageFolders)
    {
        var context = Path.GetFullPath(contextDirectory);
        var shared = otherImageFolders
            .Select(f => Path.GetRelativePath(context, Path.GetFullPath(f)).Replace('\\', '/'))
            .Where(f => f != "." && !f.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(f))
            .Where(f => ignore is null || !ignore.Excludes(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (shared.Count == 0) yield break;
        var specific = Path.GetFileName(dockerfilePath) + ".dockerignore";
        var folders = string.Join(", ", shared.Select(f => f + "/"));
        var fix = ignore?.FileName == specific
            ? $"To keep it cached, add {folders} to {specific}."
            : $"To keep it cached, add {specific} beside the Dockerfile: BuildKit reads it instead of {ignore?.FileName ?? "a root .dockerignore"}; " +
              $"give it that file's lines and {folders}.";
        yield return new("SW1130", LintSeverity.Info, 0,
            $"this image's build context also holds {folders} of the repository's other images, so a change there runs this image's build again " +
            $"(its image comes out the same and its push sends no layer, but the build is not cached). {fix}");
    }
}
