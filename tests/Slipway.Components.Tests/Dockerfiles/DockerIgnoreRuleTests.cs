using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class DockerIgnoreRuleTests
{
    private static readonly DockerIgnoreRule Rule = new();
    private const string Dockerfile = "FROM img\n";

    [Fact]
    public void Accepts_an_ignore_file_with_every_requirement() =>
        Assert.Empty(Ids(Rule, Dockerfile, GoodIgnore));

    [Fact]
    public void Accepts_equivalent_patterns() =>
        Assert.Empty(Ids(Rule, Dockerfile, "/.git/\n**/bin/\n**/obj/\n**/.env\n**/*.log\n"));

    [Theory]
    [InlineData(".git", ".git/")]
    [InlineData(".git", "/.git")]
    [InlineData(".git", ".git*")]
    [InlineData("**/bin", "**/bin/")]
    [InlineData("**/obj", "**/obj")]
    [InlineData(".env", ".env*")]
    [InlineData(".env", "*.env")]
    [InlineData("*.log", "**/*.log")]
    public void A_requirement_is_met_by_an_equivalent_pattern(string requirement, string pattern) =>
        Assert.DoesNotContain(Run(Rule, Dockerfile, GoodIgnore.Replace(requirement + "\n", "", StringComparison.Ordinal) + pattern + "\n"), f => f.Message.Contains($"'{requirement}'", StringComparison.Ordinal));

    [Theory]
    [InlineData(".git", "**/.git/objects")]
    [InlineData("**/bin", "bin")]
    [InlineData("**/bin", "src/*/bin")]
    [InlineData("**/obj", "obj/")]
    [InlineData(".env", ".env.local")]
    [InlineData("*.log", "logs/")]
    public void A_requirement_is_not_met_by_a_narrower_pattern(string requirement, string pattern) =>
        Assert.Contains(Run(Rule, Dockerfile, GoodIgnore.Replace(requirement + "\n", "", StringComparison.Ordinal) + pattern + "\n"), f => f.Message.Contains($"'{requirement}'", StringComparison.Ordinal));

    [Fact]
    public void Rejects_a_missing_ignore_file()
    {
        var finding = Assert.Single(Run(Rule, Dockerfile, ignore: null));

        Assert.Equal(("SW1030", LintSeverity.Error, null), (finding.Id, finding.Severity, finding.File));
    }

    [Fact]
    public void Root_only_bin_and_obj_patterns_do_not_cover_project_folders()
    {
        var findings = Run(Rule, Dockerfile, ".git\nbin/\nobj/\n.env\n*.log\n");

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(("SW1031", LintSeverity.Warning, ".dockerignore"), (f.Id, f.Severity, f.File)));
        Assert.Contains("'**/bin'", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_git_and_env_are_errors()
    {
        var findings = Run(Rule, Dockerfile, "**/bin\n**/obj\n*.log\n.env\n!.env\n");

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(LintSeverity.Error, f.Severity));
    }
}
