namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The image declares how to check its health: a <c>HEALTHCHECK</c> in the final stage (or a stage it builds on).
/// <list type="bullet">
/// <item><c>SW1050</c> warning: there is none.</item>
/// <item><c>SW1051</c> warning: it is <c>HEALTHCHECK NONE</c>.</item>
/// <item><c>SW1052</c> warning: its <c>CMD</c> is in shell form, which needs <c>/bin/sh</c> (absent from chiseled and distroless images); use the JSON form.</item>
/// </list>
/// A final <see cref="ExportStage"/> (<c>FROM scratch</c> with only <c>COPY --from</c>) runs nothing and is not checked.
/// </summary>
internal sealed class HealthcheckRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.Dockerfile.FinalStage is not { } final || ExportStage.Is(final)) yield break;
        if (FinalStageInstructions.Last(input.Dockerfile, "HEALTHCHECK") is not ({ } check, _))
        {
            yield return new("SW1050", LintSeverity.Warning, final.From.Line,
                "the final stage has no HEALTHCHECK; add one in exec form, e.g. HEALTHCHECK CMD [\"/app/healthcheck\"] or a probe of your /healthz endpoint");
            yield break;
        }

        var words = check.Arguments.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        var kind = words.Length > 0 ? words[0].ToUpperInvariant() : "";
        if (kind == "NONE")
            yield return new("SW1051", LintSeverity.Warning, check.Line,
                "HEALTHCHECK NONE turns health checking off; declare a HEALTHCHECK CMD in exec form instead");
        else if (kind != "CMD")
            yield return DockerfileParser.Error(check.Line, "HEALTHCHECK must be followed by CMD <command> or NONE");
        else if (words.Length < 2 || !words[1].TrimStart().StartsWith('['))
            yield return new("SW1052", LintSeverity.Warning, check.Line,
                "the HEALTHCHECK command is in shell form and needs /bin/sh; write it as JSON: HEALTHCHECK CMD [\"executable\", \"arg\"]");
    }
}
