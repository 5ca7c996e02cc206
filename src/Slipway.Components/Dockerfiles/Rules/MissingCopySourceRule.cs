namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1090</c> error: a <c>COPY</c>/<c>ADD</c> from the build context names a source that is not in it, or that the
/// <c>.dockerignore</c> excludes, so the build fails with "not found". A source with a wildcard (<c>*</c>, <c>?</c>,
/// <c>[…]</c>) that matches nothing is fine: BuildKit copies nothing for it (<c>NuGet.confi[g]</c> is the idiom for
/// "copy it when there is one"). <c>--from=</c> sources, <c>ADD</c> URLs and heredocs are not in the context; a source
/// with a variable without a value is not judged. Needs the build context's files.
/// </summary>
internal sealed class MissingCopySourceRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.BuildContext is not { } context) yield break;
        var dockerfile = input.Dockerfile;
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var copy in stage.Instructions.Where(ContextCopies.IsFromContext))
            {
                foreach (var source in CopySources.Of(copy, dockerfile.EscapeCharacter).Where(s => !copy.Is("ADD") || !CopySources.IsRemote(s)))
                {
                    var expanded = StageVariables.Expand(dockerfile, stage, copy, source);
                    if (expanded is null || PathPattern.HasWildcard(expanded)) continue;
                    var path = PathPattern.Clean(expanded);
                    if (path.Length == 0 || Exists(context, path)) continue;
                    var excluded = input.DockerIgnore?.Excludes(path) == true;
                    yield return new("SW1090", LintSeverity.Error, copy.Line, excluded
                        ? $"{copy.Keyword} on line {copy.Line} copies '{source}', which {input.DockerIgnore!.FileName} excludes from the build context, so the build fails with \"not found\"; " +
                          $"remove the pattern that excludes it (or add '!{path}'), or stop copying it"
                        : path.StartsWith("../", StringComparison.Ordinal) || path == ".."
                            ? $"{copy.Keyword} on line {copy.Line} copies '{source}', which is outside the build context; Docker only sees the context directory, so build from a context that holds it"
                            : $"{copy.Keyword} on line {copy.Line} copies '{source}', which is not in the build context, so the build fails with \"not found\"; " +
                              $"fix the path (it is relative to the context root, not to the Dockerfile), or write a wildcard such as '{Optional(source)}' if the file is optional");
                }
            }
        }
    }

    private static bool Exists(BuildContext context, string path) =>
        context.Files.Any(f => f == path || (f.Length > path.Length && f[path.Length] == '/' && f.StartsWith(path, StringComparison.Ordinal)));

    /// <summary>The source with its last letter in brackets: <c>NuGet.config</c> → <c>NuGet.confi[g]</c>.</summary>
    private static string Optional(string source) =>
        source.TrimEnd('/') is { Length: > 1 } trimmed && char.IsLetterOrDigit(trimmed[^1]) ? $"{trimmed[..^1]}[{trimmed[^1]}]" : source;
}
