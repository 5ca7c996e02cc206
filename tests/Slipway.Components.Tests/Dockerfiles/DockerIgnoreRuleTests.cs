using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class DockerIgnoreRuleTests
{
    private static readonly DockerIgnoreRule Rule = new();
    private const string Dockerfile = "FROM img\n";

    /// <summary>Every requirement but the secret files.</summary>
    private const string BaseIgnore = ".git\n**/bin\n**/obj\n*.log\n";

    [Fact]
    public void Accepts_an_ignore_file_with_every_requirement() =>
        Assert.Empty(Ids(Rule, Dockerfile, GoodIgnore));

    [Fact]
    public void Accepts_equivalent_patterns() =>
        Assert.Empty(Ids(Rule, Dockerfile, "/.git/\n**/bin/\n**/obj/\n**/*.log\n**/.env*\n**/*.pem\n**/*.key\n**/*.pfx\n**/*.p12\n**/secrets.json\n**/id_rsa\n**/id_ed25519\n"));

    [Theory]
    [InlineData(".git", ".git/")]
    [InlineData(".git", "/.git")]
    [InlineData(".git", ".git*")]
    [InlineData("**/bin", "**/bin/")]
    [InlineData("**/obj", "**/obj")]
    [InlineData("**/.env", "**/.env*")]
    [InlineData("**/.env.*", "**/.env*")]
    [InlineData("**/*.pem", "**/*.[pP][eE][mM]")]
    [InlineData("**/id_rsa*", "**/id_rsa")]
    [InlineData("*.log", "**/*.log")]
    public void A_requirement_is_met_by_an_equivalent_pattern(string requirement, string pattern) =>
        Assert.DoesNotContain(Run(Rule, Dockerfile, GoodIgnore.Replace(requirement + "\n", "", StringComparison.Ordinal) + pattern + "\n"), f => f.Message.Contains($"'{requirement}'", StringComparison.Ordinal));

    [Theory]
    [InlineData(".git", "**/.git/objects")]
    [InlineData("**/bin", "bin")]
    [InlineData("**/bin", "src/*/bin")]
    [InlineData("**/obj", "obj/")]
    [InlineData("**/.env", ".env")]
    [InlineData("**/.env", "*.env")]
    [InlineData("**/.env.*", ".env.*")]
    [InlineData("**/*.pem", "*.pem")]
    [InlineData("**/secrets.json", "src/*/secrets.json")]
    [InlineData("*.log", "logs/")]
    public void A_requirement_is_not_met_by_a_narrower_pattern(string requirement, string pattern) =>
        Assert.Contains(Run(Rule, Dockerfile, GoodIgnore.Replace(requirement + "\n", "", StringComparison.Ordinal) + pattern + "\n"), f => f.Message.Contains($"'{requirement}'", StringComparison.Ordinal));

    [Fact]
    public void Rejects_a_missing_ignore_file()
    {
        var finding = Assert.Single(Run(Rule, Dockerfile, ignore: null));

        Assert.Equal(("SW1030", LintSeverity.Error, null), (finding.Id, finding.Severity, finding.File));
        Assert.Contains("**/.env.*", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_only_bin_and_obj_patterns_do_not_cover_project_folders()
    {
        var findings = Run(Rule, Dockerfile, ".git\nbin/\nobj/\n*.log\n" + SecretPatterns);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(("SW1031", LintSeverity.Warning, ".dockerignore"), (f.Id, f.Severity, f.File)));
        Assert.Contains("'**/bin'", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_only_env_pattern_lets_a_service_folders_env_in()
    {
        var finding = Assert.Single(Run(Rule, Dockerfile, GoodIgnore.Replace("**/.env\n", ".env\n", StringComparison.Ordinal)));

        Assert.Equal(("SW1031", LintSeverity.Error, ".dockerignore"), (finding.Id, finding.Severity, finding.File));
        Assert.Contains("'src/Service/.env'", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'.env'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'**/.env'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_finding_lists_every_secret_path_that_gets_in_and_every_line_to_add()
    {
        var finding = Assert.Single(Run(Rule, Dockerfile, BaseIgnore + ".env\n"));

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("'src/Service/.env', '.env.local', 'src/Service/.env.production', 'server.pem'", finding.Message, StringComparison.Ordinal);
        Assert.All(DockerIgnoreRule.SecretFiles, s => Assert.Contains($"'{s.Pattern}'", finding.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Passes_with_any_depth_env_star_patterns() =>
        Assert.Empty(Run(Rule, Dockerfile, GoodIgnore.Replace("**/.env\n**/.env.*\n", "**/.env*\n", StringComparison.Ordinal)));

    [Fact]
    public void An_exception_that_brings_a_secret_back_is_reported()
    {
        var finding = Assert.Single(Run(Rule, Dockerfile, GoodIgnore + "!src/Service/.env\n"));

        Assert.Contains("'src/Service/.env'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'**/.env'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_for_a_harmless_file_keeps_the_requirement_met() =>
        Assert.Empty(Run(Rule, Dockerfile, GoodIgnore + "!**/.env.example\n!certs/public/*.pem\n"));

    [Fact]
    public void Missing_git_and_env_are_errors()
    {
        var findings = Run(Rule, Dockerfile, "**/bin\n**/obj\n*.log\n" + SecretPatterns + "!.env\n");

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(LintSeverity.Error, f.Severity));
    }
}
