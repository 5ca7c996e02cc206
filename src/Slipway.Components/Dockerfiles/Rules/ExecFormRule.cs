namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>DL3025</c> error (hadolint DL3025): <c>ENTRYPOINT</c> and <c>CMD</c> are in JSON (exec) form. In shell form the
/// process runs under <c>/bin/sh -c</c>, does not receive SIGTERM and fails in images without a shell.
/// </summary>
internal sealed class ExecFormRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input) =>
        input.Dockerfile.Instructions
            .Where(i => (i.Is("ENTRYPOINT") || i.Is("CMD")) && !i.IsJsonForm)
            .Select(i => new LintFinding("DL3025", LintSeverity.Error, i.Line,
                $"{i.Keyword} is in shell form; use the JSON form so the process gets signals, e.g. {i.Keyword} [\"dotnet\", \"App.dll\"]"));
}
