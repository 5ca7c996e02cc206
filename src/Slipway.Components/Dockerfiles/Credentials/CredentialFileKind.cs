namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A kind of file that tools read credentials from, known by its name: <c>NuGet.config</c> (any case), <c>.npmrc</c>,
/// <c>.pypirc</c>, <c>.git-credentials</c>, <c>.netrc</c> or <c>_netrc</c>, and Docker's <c>.docker/config.json</c>.
/// </summary>
/// <param name="Name">The file name as messages show it, e.g. <c>NuGet.config</c>.</param>
/// <param name="IsPath">True for a context path (with <c>/</c>) of this kind.</param>
/// <param name="Find">The credentials in the file's text.</param>
/// <param name="Fix">How to pass the credential without the file holding it.</param>
internal sealed record CredentialFileKind(string Name, Func<string, bool> IsPath, Func<string, IEnumerable<FileCredential>> Find, string Fix)
{
    /// <summary>Every kind.</summary>
    public static readonly IReadOnlyList<CredentialFileKind> All =
    [
        new("NuGet.config", p => FileNameIs(p, "nuget.config"), NuGetConfigCredentials.Find,
            "refer to the token as %NUGET_AUTH_TOKEN% in NuGet.config and pass it as a BuildKit secret: " +
            "RUN --mount=type=secret,id=nuget_auth_token NUGET_AUTH_TOKEN=\"$(cat /run/secrets/nuget_auth_token 2>/dev/null)\" dotnet restore … " +
            "(Slipway's DockerBuild passes the nuget_auth_token secret from --nuget-auth-token / NUGET_AUTH_TOKEN)"),
        new(".npmrc", p => FileNameIs(p, ".npmrc"), LineCredentials.Npmrc,
            "write ${NPM_TOKEN} in .npmrc and pass the token as a BuildKit secret: " +
            "RUN --mount=type=secret,id=npm_token NPM_TOKEN=\"$(cat /run/secrets/npm_token)\" npm ci " +
            "(add --secret id=npm_token,env=NPM_TOKEN to the build in ConfigureDockerBuild)"),
        new(".pypirc", p => FileNameIs(p, ".pypirc"), LineCredentials.Pypirc, MountInstead(".pypirc", "pypirc", "/root/.pypirc")),
        new(".git-credentials", p => FileNameIs(p, ".git-credentials"), LineCredentials.GitCredentials, MountInstead(".git-credentials", "git_credentials", "/root/.git-credentials")),
        new(".netrc", p => FileNameIs(p, ".netrc") || FileNameIs(p, "_netrc"), LineCredentials.Netrc, MountInstead(".netrc", "netrc", "/root/.netrc")),
        new("Docker config.json", p => p.Equals(".docker/config.json", StringComparison.OrdinalIgnoreCase) || p.EndsWith("/.docker/config.json", StringComparison.OrdinalIgnoreCase),
            LineCredentials.DockerConfig, MountInstead(".docker/config.json", "docker_config", "/root/.docker/config.json")),
    ];

    /// <summary>The kind of a context path, or null when its name is none of the known ones.</summary>
    public static CredentialFileKind? Of(string path) => All.FirstOrDefault(k => k.IsPath(path));

    private static bool FileNameIs(string path, string name) =>
        string.Equals(CopySources.FileName(path), name, StringComparison.OrdinalIgnoreCase);

    private static string MountInstead(string file, string id, string target) =>
        $"keep {file} out of the build context (.dockerignore) and mount it only into the step that needs it: " +
        $"RUN --mount=type=secret,id={id},target={target} … " +
        "(add the --secret to the build in ConfigureDockerBuild)";
}
