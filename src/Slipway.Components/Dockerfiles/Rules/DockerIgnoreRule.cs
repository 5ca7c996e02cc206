namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The build context has an ignore file that keeps the repository, build output, local secrets and logs out of it.
/// Each requirement is met when Docker's matching (see <see cref="DockerIgnore"/>) excludes its probe paths, so any
/// equivalent pattern, and any <c>!</c> exception, is judged by what it does:
/// <list type="bullet">
/// <item><c>.git</c> (error): <c>.git</c> and <c>.git/HEAD</c>; met by <c>.git</c>, <c>.git/</c>, <c>/.git</c>, <c>.git*</c>.</item>
/// <item><c>**/bin</c> (warning): <c>bin/App.dll</c> and <c>src/App/bin/Release/App.dll</c>; met by <c>**/bin</c> or <c>**/bin/</c>, not by <c>bin</c> or <c>bin/</c> alone (root only).</item>
/// <item><c>**/obj</c> (warning): <c>obj/project.assets.json</c> and <c>src/App/obj/project.assets.json</c>; likewise.</item>
/// <item><c>*.log</c> (warning): <c>build.log</c>; met by <c>*.log</c> or <c>**/*.log</c>.</item>
/// <item>Secret files at any depth (error, one finding for all): <see cref="SecretFiles"/>, e.g. <c>.env</c> and
/// <c>src/Service/.env</c>; met by <c>**/.env</c>, not by <c>.env</c> alone (root only).</item>
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
        ("*.log", ["build.log"], LintSeverity.Warning),
    ];

    /// <summary>Secret-shaped files that must be excluded at the root and in any folder: the pattern to add and the paths that show it is there.</summary>
    internal static readonly IReadOnlyList<(string Pattern, string[] Probes)> SecretFiles =
    [
        ("**/.env", [".env", "src/Service/.env"]),
        ("**/.env.*", [".env.local", "src/Service/.env.production"]),
        ("**/*.pem", ["server.pem", "src/Service/certs/server.pem"]),
        ("**/*.key", ["server.key", "src/Service/certs/server.key"]),
        ("**/*.pfx", ["certificate.pfx", "src/Service/certs/certificate.pfx"]),
        ("**/*.p12", ["certificate.p12", "src/Service/certs/certificate.p12"]),
        ("**/secrets.json", ["secrets.json", "src/Service/secrets.json"]),
        ("**/id_rsa*", ["id_rsa", "src/Service/.ssh/id_rsa"]),
        ("**/id_ed25519*", ["id_ed25519", "src/Service/.ssh/id_ed25519"]),
    ];

    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.DockerIgnore is not { } ignore)
        {
            yield return new("SW1030", LintSeverity.Error, 0,
                $"the build context has no .dockerignore; add one beside the Dockerfile that excludes {string.Join(", ", Requirements.Select(r => r.Pattern).Concat(SecretFiles.Select(s => s.Pattern)))}");
            yield break;
        }
        foreach (var (pattern, probes, severity) in Requirements)
        {
            var included = probes.FirstOrDefault(p => !ignore.Excludes(p));
            if (included is not null)
                yield return new("SW1031", severity, 0,
                    $"'{included}' is not excluded from the build context; add '{pattern}' to {ignore.FileName}", ignore.FileName);
        }

        var missing = SecretFiles.Select(s => (s.Pattern, Included: s.Probes.Where(p => !ignore.Excludes(p)).ToList())).Where(s => s.Included.Count > 0).ToList();
        if (missing.Count > 0)
            yield return new("SW1031", LintSeverity.Error, 0,
                $"secret files would get into the build context, e.g. {string.Join(", ", missing.SelectMany(m => m.Included).Select(p => $"'{p}'"))}; " +
                $"add these lines to {ignore.FileName} (a pattern without **/ excludes at the root only): {string.Join(", ", missing.Select(m => $"'{m.Pattern}'"))}", ignore.FileName);
    }
}
