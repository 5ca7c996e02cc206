using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class RuntimeRulesTests
{
    private static readonly RuntimeUserRule User = new();
    private static readonly HealthcheckRule Health = new();

    [Fact]
    public void Accepts_a_numeric_non_root_user_as_the_last_user() =>
        Assert.Empty(Ids(User, Lines("FROM sdk AS build", "USER root", "FROM img", "USER 0", "RUN chown 1654 /app", "USER 1654:1654")));

    [Theory]
    [InlineData("USER root")]
    [InlineData("USER 0")]
    [InlineData("USER root:root")]
    [InlineData("USER 0:0")]
    public void Rejects_root_as_the_last_user(string user)
    {
        var finding = Assert.Single(Run(User, Lines("FROM img", "USER 1654", user)));

        Assert.Equal(("DL3002", LintSeverity.Error, 3), (finding.Id, finding.Severity, finding.Line));
    }

    [Fact]
    public void Rejects_a_root_user_the_final_stage_inherits_from_its_parent_stage() =>
        Assert.Equal(["DL3002"], Ids(User, Lines("FROM img AS base", "USER root", "FROM base")));

    [Fact]
    public void Ignores_users_of_build_stages_the_final_stage_does_not_build_on() =>
        Assert.Equal(["SW1042"], Ids(User, Lines("FROM img AS build", "USER 1654", "FROM img")));

    [Fact]
    public void Warns_about_a_named_user() =>
        Assert.Equal(["SW1040"], Ids(User, Lines("FROM img", "USER app")));

    [Fact]
    public void Resolves_the_user_from_arg_and_env()
    {
        Assert.Empty(Ids(User, Lines("FROM img", "ENV APP_UID=1654", "USER $APP_UID")));
        Assert.Equal(["DL3002"], Ids(User, Lines("ARG UID=0", "FROM img", "ARG UID", "USER ${UID}")));
        Assert.Equal(["SW1041"], Ids(User, Lines("FROM img", "USER $APP_UID")));
    }

    [Fact]
    public void A_stage_inherits_env_but_not_arg_values_from_the_stage_it_builds_on()
    {
        Assert.Empty(Ids(User, Lines("FROM img AS base", "ENV UID=1654", "FROM base", "USER $UID")));
        Assert.Equal(["SW1041"], Ids(User, Lines("FROM img AS base", "ARG UID=1654", "FROM base", "USER $UID")));
    }

    [Fact]
    public void Healthcheck_in_exec_form_passes_and_is_inherited_from_a_parent_stage()
    {
        Assert.Empty(Ids(Health, Lines("FROM img", "HEALTHCHECK --interval=30s CMD [\"/app/health\"]")));
        Assert.Empty(Ids(Health, Lines("FROM img AS base", "HEALTHCHECK CMD [\"/app/health\"]", "FROM base")));
    }

    [Fact]
    public void Warns_about_a_missing_none_or_shell_form_healthcheck()
    {
        Assert.Equal(["SW1050"], Ids(Health, Lines("FROM img AS build", "HEALTHCHECK CMD [\"x\"]", "FROM img")));
        Assert.Equal(["SW1051"], Ids(Health, Lines("FROM img", "HEALTHCHECK NONE")));
        Assert.Equal(["SW1052"], Ids(Health, Lines("FROM img", "HEALTHCHECK --retries=3 CMD curl -f http://localhost/ || exit 1")));
    }

    [Fact]
    public void Entrypoint_and_cmd_must_be_in_exec_form()
    {
        var rule = new ExecFormRule();

        Assert.Empty(Ids(rule, Lines("FROM img", "ENTRYPOINT [\"dotnet\", \"App.dll\"]", "CMD [\"--urls\", \"http://+:8080\"]")));
        var findings = Run(rule, Lines("FROM img", "ENTRYPOINT dotnet App.dll", "CMD [\"ok\"]", "CMD run"));
        Assert.Equal([("DL3025", 2), ("DL3025", 4)], findings.Select(f => (f.Id, f.Line)));
    }
}
