namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The image does not run as root: the last <c>USER</c> of the final stage (or of a stage it builds on) decides.
/// <list type="bullet">
/// <item><c>DL3002</c> error: it is <c>root</c> or uid <c>0</c> (hadolint DL3002).</item>
/// <item><c>SW1040</c> warning: it is a name; a numeric uid (e.g. <c>1654</c>, the .NET images' <c>app</c> user) lets Kubernetes' <c>runAsNonRoot</c> verify it.</item>
/// <item><c>SW1041</c> info: it uses a variable without a known value, so it cannot be checked.</item>
/// <item><c>SW1042</c> warning: there is no <c>USER</c>; the base image's default applies, which is root for most images.
/// Not for the chiseled and distroless .NET runtime images, which set <c>USER $APP_UID</c> (1654) themselves.</item>
/// </list>
/// <c>$APP_UID</c> resolves to 1654 on the .NET 8+ images (they define <c>ENV APP_UID=1654</c>). A final
/// <see cref="ExportStage"/> is not checked.
/// </summary>
internal sealed class RuntimeUserRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        var dockerfile = input.Dockerfile;
        if (dockerfile.FinalStage is not { } final || ExportStage.Is(final)) yield break;
        if (FinalStageInstructions.Last(dockerfile, "USER") is not ({ } user, { } stage))
        {
            if (DotnetBaseImages.RunsAsAppUser(final.RootImage)) yield break;
            yield return new("SW1042", LintSeverity.Warning, final.From.Line,
                "the final stage sets no USER, so the base image's default (often root) applies; add 'USER 1654' (or another non-root uid)");
            yield break;
        }

        var expanded = ExpandUser(dockerfile, stage, user);
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

    /// <summary>The <c>USER</c> with variables expanded; <c>APP_UID</c> is 1654 on a .NET 8+ base unless the Dockerfile sets it.</summary>
    private static string? ExpandUser(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction user)
    {
        var scope = new Dictionary<string, string?>(StageVariables.Before(dockerfile, stage, user), StringComparer.Ordinal);
        if (scope.GetValueOrDefault("APP_UID") is null && DotnetBaseImages.DefinesAppUid(stage.RootImage))
            scope["APP_UID"] = DotnetBaseImages.AppUid;
        var expanded = VariableExpander.Expand(user.Arguments, n => scope.GetValueOrDefault(n), dockerfile.EscapeCharacter, out var unresolved);
        return unresolved ? null : expanded;
    }
}
