using System.Runtime.CompilerServices;
using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>Runs one rule, or the whole linter, on Dockerfile text.</summary>
internal static class LintHarness
{
    public const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    /// <summary>The lines of a .dockerignore that keep secret-shaped files out at any depth.</summary>
    public const string SecretPatterns = "**/.env\n**/.env.*\n**/*.pem\n**/*.key\n**/*.pfx\n**/*.p12\n**/secrets.json\n**/id_rsa*\n**/id_ed25519*\n";

    /// <summary>A .dockerignore that meets every requirement.</summary>
    public const string GoodIgnore = ".git\n**/bin\n**/obj\n*.log\n" + SecretPatterns;

    public static IReadOnlyList<LintFinding> Run(IDockerfileRule rule, string dockerfile, string? ignore = GoodIgnore, IReadOnlyDictionary<string, string>? args = null) =>
        rule.Check(new LintInput(DockerfileParser.Parse(dockerfile, args), ignore is null ? null : DockerIgnore.Parse(ignore))).ToList();

    /// <summary>Runs a rule for a build that targets <paramref name="platforms"/> (e.g. <c>linux/amd64</c>, <c>linux/arm64</c>).</summary>
    public static IReadOnlyList<LintFinding> RunFor(IDockerfileRule rule, string dockerfile, params string[] platforms) =>
        rule.Check(new LintInput(DockerfileParser.Parse(dockerfile), DockerIgnore.Parse(GoodIgnore)) { Platforms = platforms }).ToList();

    /// <summary>Runs a rule with a build context of <paramref name="files"/> (path → content), less what <paramref name="ignore"/> excludes.</summary>
    public static IReadOnlyList<LintFinding> RunInContext(IDockerfileRule rule, string dockerfile, IReadOnlyDictionary<string, string> files, string? ignore = GoodIgnore)
    {
        var dockerIgnore = ignore is null ? null : DockerIgnore.Parse(ignore);
        var context = new BuildContext(files.Keys, dockerIgnore, path => files.TryGetValue(path, out var text) ? text : null);
        return rule.Check(new LintInput(DockerfileParser.Parse(dockerfile), dockerIgnore, context)).ToList();
    }

    public static IReadOnlyList<string> Ids(IDockerfileRule rule, string dockerfile, string? ignore = GoodIgnore, IReadOnlyDictionary<string, string>? args = null) =>
        Run(rule, dockerfile, ignore, args).Select(f => f.Id).ToList();

    public static string Fixture(string name, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", name));

    /// <summary>Joins lines with <c>\n</c>.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
