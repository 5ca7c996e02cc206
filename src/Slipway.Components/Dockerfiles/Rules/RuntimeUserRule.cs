namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The image does not run as root: the last <c>USER</c> of the final stage (or of a stage it builds on) decides.
/// <list type="bullet">
/// <item><c>DL3002</c> error: it is <c>root</c> or uid <c>0</c> (hadolint DL3002).</item>
/// <item><c>SW1040</c> warning: it is a name; a numeric uid (e.g. <c>1654</c>, the .NET images' <c>app</c> user) lets Kubernetes' <c>runAsNonRoot</c> verify it.</item>
/// <item><c>SW1041</c> info: it uses a variable without a known value, so it cannot be checked.</item>
/// <item><c>SW1042</c> warning: there is no <c>USER</c>; the base image's default applies, which is root for most images.</item>
/// </list>
/// </summary>
internal sealed class RuntimeUserRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        var dockerfile = input.Dockerfile;
        if (dockerfile.FinalStage is not { } final) yield break;
        if (FinalStageInstructions.Last(dockerfile, "USER") is not ({ } user, { } stage))
        {
            yield return new("SW1042", LintSeverity.Warning, final.From.Line,
                "the final stage sets no USER, so the base image's default (often root) applies; add 'USER 1654' (or another non-root uid)");
            yield break;
        }

        var expanded = StageVariables.Expand(dockerfile, stage, user, user.Arguments);
        if (expanded is null)
        {
            yield return new("SW1041", LintSeverity.Info, user.Line,
                $"'USER {user.Arguments}' uses a variable without a known value, so it cannot be checked for root; prefer a literal uid such as 1654");
            yield break;
        }

        var name = expanded.Split(':')[0].Trim();
        if (name is "root" or "0")
            yield return new("DL3002", LintSeverity.Error, user.Line,
                "the image runs as root; switch to a non-root user as the last USER of the final stage, e.g. 'USER 1654'");
        else if (!name.All(char.IsAsciiDigit))
            yield return new("SW1040", LintSeverity.Warning, user.Line,
                $"USER '{name}' is a name; use its numeric uid (e.g. 'USER 1654') so the platform can verify the image runs as non-root");
    }
}
