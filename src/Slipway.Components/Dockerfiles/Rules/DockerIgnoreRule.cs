namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The build context has an ignore file that keeps the repository, build output, local secrets and logs out of it.
/// Each requirement is met when Docker's matching (see <see cref="DockerIgnore"/>) excludes its probe paths, so any
/// equivalent pattern works:
/// <list type="bullet">
/// <item><c>.git</c> (error): <c>.git</c> and <c>.git/HEAD</c>; met by <c>.git</c>, <c>.git/</c>, <c>/.git</c>, <c>.git*</c>.</item>
/// <item><c>**/bin</c> (warning): <c>bin/App.dll</c> and <c>src/App/bin/Release/App.dll</c>; met by <c>**/bin</c> or <c>**/bin/</c>, not by <c>bin</c> or <c>bin/</c> alone (root only).</item>
/// <item><c>**/obj</c> (warning): <c>obj/project.assets.json</c> and <c>src/App/obj/project.assets.json</c>; likewise.</item>
/// <item><c>.env</c> (error): <c>.env</c>; met by <c>.env</c>, <c>.env*</c>, <c>**/.env</c>.</item>
/// <item><c>*.log</c> (warning): <c>build.log</c>; met by <c>*.log</c> or <c>**/*.log</c>.</item>
/// </list>
/// <c>SW1030</c> error: there is no ignore file. <c>SW1031</c>: a requirement is not met (the severity above).
/// </summary>
internal sealed class DockerIgnoreRule : IDockerfileRule
{
    /// <summary>What must be excluded, the paths that show it is, and how bad it is when it is not.</summary>
    internal static readonly IReadOnlyList<(string Pattern, string[] Probes, LintSeverity Severity)> Requirements =
    [
        (".git", [".git", ".git/HEAD"], LintSeverity.Error),
        ("**/bin", ["bin/App.dll", "src/App/bin/Release/App.dll"], LintSeverity.Warning),
        ("**/obj", ["obj/project.assets.json", "src/App/obj/project.assets.json"], LintSeverity.Warning),
        (".env", [".env"], LintSeverity.Error),
        ("*.log", ["build.log"], LintSeverity.Warning),
    ];

    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.DockerIgnore is not { } ignore)
        {
            yield return new("SW1030", LintSeverity.Error, 0,
                $"the build context has no .dockerignore; add one beside the Dockerfile that excludes {string.Join(", ", Requirements.Select(r => r.Pattern))}");
            yield break;
        }
        foreach (var (pattern, probes, severity) in Requirements)
        {
            var included = probes.FirstOrDefault(p => !ignore.Excludes(p));
            if (included is not null)
                yield return new("SW1031", severity, 0,
                    $"'{included}' is not excluded from the build context; add '{pattern}' to {ignore.FileName}", ignore.FileName);
        }
    }
}
