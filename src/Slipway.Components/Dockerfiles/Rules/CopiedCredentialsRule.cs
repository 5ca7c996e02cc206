namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1062</c> error: a <c>COPY</c>/<c>ADD</c> from the build context, in any stage, copies a file that holds a
/// credential (see <see cref="CredentialFileKind"/>): a <c>NuGet.config</c> with a literal <c>ClearTextPassword</c> or
/// <c>Password</c>, an <c>.npmrc</c> with a literal <c>_authToken</c>, <c>_auth</c> or <c>_password</c>, a
/// <c>.pypirc</c>, <c>.git-credentials</c> or <c>.netrc</c> password, a Docker <c>config.json</c> auth. A build stage's
/// layers are not only in the image: a registry cache exported with <c>mode=max</c> pushes every stage. Values that are
/// only environment references (<c>%NUGET_AUTH_TOKEN%</c>, <c>${NPM_TOKEN}</c>) are fine; so are files the
/// <c>.dockerignore</c> excludes, which never reach the context. Needs the context's files: without them (Dockerfile text
/// linted alone) the rule finds nothing.
/// </summary>
internal sealed class CopiedCredentialsRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.BuildContext is not { } context) yield break;
        var candidates = context.Files.Where(f => CredentialFileKind.Of(f) is not null).ToList();
        if (candidates.Count == 0) yield break;

        var scanned = new Dictionary<string, IReadOnlyList<FileCredential>>(StringComparer.Ordinal);
        foreach (var stage in input.Dockerfile.Stages)
        {
            foreach (var copy in stage.Instructions.Where(ContextCopies.IsFromContext))
            {
                foreach (var file in ContextCopies.Files(input.Dockerfile, stage, copy, candidates))
                {
                    if (!scanned.TryGetValue(file, out var credentials))
                        scanned[file] = credentials = Scan(context, file);
                    var kind = CredentialFileKind.Of(file)!;
                    foreach (var credential in credentials)
                        yield return new("SW1062", LintSeverity.Error, copy.Line,
                            $"{copy.Keyword} on line {copy.Line} copies '{file}' into stage '{stage.DisplayName}', and {file}:{credential.Line} holds " +
                            $"{credential.Description}: the layer keeps it, and a registry cache exported with mode=max pushes every stage's layers. " +
                            $"Keep credentials out of copied files: {kind.Fix}");
                }
            }
        }
    }

    private static IReadOnlyList<FileCredential> Scan(BuildContext context, string file) =>
        context.ReadText(file) is { } text ? CredentialFileKind.Of(file)!.Find(text).ToList() : [];
}
