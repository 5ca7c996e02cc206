using System.Text;
using Slipway.Execution;

namespace Slipway.CI;

/// <summary>
/// The parts of a <c>.gitlab-ci.yml</c> job that every job shares: the rule that keeps a release uninterrupted, the
/// Docker-in-Docker service that lends the job its docker client, the OIDC tokens, the caches and the cosign install.
/// </summary>
internal static class GitLabCiConventions
{
    /// <summary>Where the dind service leaves its docker client and buildx for the job (the runner shares <c>/certs/client</c>).</summary>
    public const string ClientDirectory = "/certs/client/bin";

    /// <summary>Where a cached cosign release is kept, relative to the project directory.</summary>
    public static string CosignDirectory(string release) => $".nuke/temp/ci-tools/cosign-{release}";

    /// <summary>
    /// The job's rules with, when jobs are interruptible, a first rule for tag pipelines that sets
    /// <c>interruptible: false</c> (GitLab's <c>rules:interruptible</c>), and a last rule that lets every other pipeline in
    /// when the job had no rules.
    /// </summary>
    public static IReadOnlyList<(string? If, string? Setting, string Comment)> Rules(GitLabCiAttribute g, IReadOnlyList<(string If, string Comment)> rules)
    {
        var result = rules.Select(r => ((string?)r.If, (string?)null, r.Comment)).ToList();
        if (!g.Interruptible) return result;
        var guard = rules.Count > 0 ? rules[0].If : null;
        result.Insert(0, (guard is null ? "$CI_COMMIT_TAG" : $"$CI_COMMIT_TAG && {guard}", "interruptible: false", "a tag pipeline's release is never cancelled"));
        if (rules.Count == 0) result.Add((null, "when: on_success", "every other pipeline"));
        return result;
    }

    /// <summary>The services: the first one, with <see cref="GitLabCiAttribute.DockerClientFromService"/>, as a mapping whose entrypoint hands out the client.</summary>
    public static void Services(StringBuilder sb, GitLabCiAttribute g)
    {
        if (g.Services.Length == 0) return;
        sb.AppendLine("  services:");
        for (var i = 0; i < g.Services.Length; i++)
        {
            if (i > 0 || !g.DockerClientFromService)
            {
                sb.AppendLine($"    - {Yaml.Scalar(g.Services[i])}");
                continue;
            }
            sb.AppendLine($"    - name: {Yaml.Scalar(g.Services[i])}");
            sb.AppendLine("      alias: docker");
            sb.AppendLine("      # The image carries the docker client and buildx: copied to the shared certificate volume for the job, then dockerd starts.");
            var copy = $"mkdir -p {ClientDirectory} && cp /usr/local/bin/docker /usr/local/libexec/docker/cli-plugins/docker-buildx {ClientDirectory}/ && exec dockerd-entrypoint.sh";
            sb.AppendLine($"      entrypoint: [sh, -c, {Yaml.Scalar(copy)}]");
        }
    }

    /// <summary>The <c>id_tokens</c> of <see cref="GitLabCiAttribute.IdTokens"/>.</summary>
    public static void IdTokens(StringBuilder sb, GitLabCiAttribute g)
    {
        var tokens = CiVariables.Parse("[GitLabCi] IdTokens", g.IdTokens);
        if (tokens.Count == 0) return;
        sb.AppendLine("  id_tokens:");
        foreach (var (name, audience) in tokens)
        {
            sb.AppendLine($"    {name}:");
            sb.AppendLine($"      aud: {Yaml.Scalar(audience)}");
        }
    }

    /// <summary>The variables the conventions add: <c>NUGET_PACKAGES</c> inside the project directory, so the cache can hold it.</summary>
    public static IEnumerable<(string Name, string Value)> Variables(GitLabCiAttribute g)
    {
        if (g.NuGetPackages is { } packages) yield return ("NUGET_PACKAGES", "$CI_PROJECT_DIR/" + Relative(packages, "NuGetPackages"));
    }

    /// <summary>The <c>cache:</c> list: NuGet packages keyed by the files that pin them, the Trivy database, the cosign release.</summary>
    public static void Cache(StringBuilder sb, GitLabCiAttribute g)
    {
        var entries = new List<(string[] Key, string Path, string Comment)>();
        if (g.NuGetPackages is { } packages)
        {
            if (g.NuGetCacheKeyFiles.Length is 0 or > 2)
                throw new BuildUsageException($"[GitLabCi] NuGetCacheKeyFiles lists {g.NuGetCacheKeyFiles.Length} files; GitLab's cache:key:files takes one or two (e.g. Directory.Packages.props and global.json).");
            entries.Add((["prefix: nuget", "files:", .. g.NuGetCacheKeyFiles.Select(f => "  - " + Yaml.Scalar(f))], Relative(packages, "NuGetPackages"),
                "NuGet packages, keyed by the files that pin them"));
        }
        if (g.TrivyCache is { } trivy)
            entries.Add((["trivy-db"], Relative(trivy, "TrivyCache"), "Trivy's database: Trivy refreshes it when it is past its next update (about daily)"));
        if (Cosign(g) is { } release)
            entries.Add(([Yaml.Scalar("cosign-" + release)], CosignDirectory(release), "the checksum-verified cosign release"));
        if (entries.Count == 0) return;
        sb.AppendLine("  cache:");
        foreach (var (key, path, comment) in entries)
        {
            sb.AppendLine($"    - # {comment}");
            if (key.Length == 1) sb.AppendLine($"      key: {key[0]}");
            else
            {
                sb.AppendLine("      key:");
                foreach (var line in key) sb.AppendLine($"        {line}");
            }
            sb.AppendLine("      paths:");
            sb.AppendLine($"        - {Yaml.Scalar(path.TrimEnd('/') + "/")}");
        }
    }

    /// <summary>The lines before the attribute's own <c>before_script</c>: the docker client from the service, cosign from the cache or its release.</summary>
    public static IEnumerable<string> BeforeScript(GitLabCiAttribute g)
    {
        if (g.DockerClientFromService)
        {
            yield return $"test -x {ClientDirectory}/docker || {{ echo 'The docker service left no client in {ClientDirectory}: the runner must share /certs/client (volumes = [\"/certs/client\"]) and run the service privileged.' >&2; exit 1; }}";
            yield return $"export PATH=\"{ClientDirectory}:$PATH\" && mkdir -p ~/.docker/cli-plugins && ln -sf {ClientDirectory}/docker-buildx ~/.docker/cli-plugins/docker-buildx";
        }
        if (Cosign(g) is { } release)
        {
            var directory = CosignDirectory(release);
            var url = $"https://github.com/sigstore/cosign/releases/download/{release}/cosign-linux-amd64";
            yield return $"test -f {directory}/cosign || {{ mkdir -p {directory} && curl -fsSL --retry 3 -o {directory}/cosign {url}; }}";
            yield return $"echo '{g.CosignSha256}  {directory}/cosign' | sha256sum -c - && chmod +x {directory}/cosign && export PATH=\"$CI_PROJECT_DIR/{directory}:$PATH\"";
        }
    }

    private static string? Cosign(GitLabCiAttribute g)
    {
        if (g.CosignRelease is null) return null;
        if (g.CosignSha256 is not { Length: 64 } sha || !sha.All(char.IsAsciiHexDigitLower))
            throw new BuildUsageException(
                $"[GitLabCi] CosignRelease {g.CosignRelease} needs CosignSha256, the 64 lower-case hex digits of its cosign-linux-amd64 " +
                "(from the release's cosign_checksums.txt), so the job can check what it downloads.");
        return g.CosignRelease;
    }

    private static string Relative(string path, string property) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Split('/').Contains("..")
            ? path
            : throw new BuildUsageException($"[GitLabCi] {property} '{path}' must be a folder inside the project directory (relative, no '..'), so GitLab's cache can hold it.");
}
