using System.Runtime.CompilerServices;
using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>Runs one rule, or the whole linter, on Dockerfile text.</summary>
internal static class LintHarness
{
    public const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    /// <summary>A .dockerignore that meets every requirement.</summary>
    public const string GoodIgnore = ".git\n**/bin\n**/obj\n.env\n*.log\n";

    public static IReadOnlyList<LintFinding> Run(IDockerfileRule rule, string dockerfile, string? ignore = GoodIgnore, IReadOnlyDictionary<string, string>? args = null) =>
        rule.Check(new LintInput(DockerfileParser.Parse(dockerfile, args), ignore is null ? null : DockerIgnore.Parse(ignore))).ToList();

    public static IReadOnlyList<string> Ids(IDockerfileRule rule, string dockerfile, string? ignore = GoodIgnore, IReadOnlyDictionary<string, string>? args = null) =>
        Run(rule, dockerfile, ignore, args).Select(f => f.Id).ToList();

    public static string Fixture(string name, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", name));

    /// <summary>Joins lines with <c>\n</c>.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
