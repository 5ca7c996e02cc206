using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;
using static Slipway.Components.Tests.Dockerfiles.ProjectContexts;

namespace Slipway.Components.Tests.Dockerfiles;

public class EntrypointAssemblyRuleTests
{
    private static readonly EntrypointAssemblyRule Rule = new();

    private static IReadOnlyList<LintFinding> Lint(string final, Dictionary<string, string>? files = null) =>
        RunInContext(Rule, Lines("FROM img AS build", "FROM img AS final", final), files ?? Contoso());

    [Theory]
    [InlineData("ENTRYPOINT [\"dotnet\", \"Contoso.Api.dll\"]")]
    [InlineData("ENTRYPOINT [\"dotnet\", \"/app/Contoso.Api.dll\", \"--urls\", \"http://+:8080\"]")]
    [InlineData("CMD [\"dotnet\", \"Contoso.Domain.dll\"]")]
    [InlineData("ENTRYPOINT [\"./Contoso.Api\"]")]
    [InlineData("ENTRYPOINT [\"dotnet\", \"test\", \"--no-build\"]")]
    [InlineData("ENTRYPOINT dotnet Missing.dll")]
    public void Passes_an_assembly_a_project_builds_or_a_start_it_cannot_judge(string start) =>
        Assert.Empty(Lint(start));

    [Fact]
    public void An_assembly_no_project_builds_fails_naming_the_ones_they_do()
    {
        var finding = Assert.Single(Lint("ENTRYPOINT [\"dotnet\", \"Contoso.Web.dll\"]"));

        Assert.Equal(("SW1110", LintSeverity.Error, 3), (finding.Id, finding.Severity, finding.Line));
        Assert.Equal(
            "ENTRYPOINT runs 'Contoso.Web.dll', but no project in the build context builds Contoso.Web.dll (they build Contoso.Api.dll, Contoso.Application.dll, " +
            "Contoso.Domain.dll, Contoso.Infrastructure.dll), so the container stops at start with \"The application 'Contoso.Web.dll' does not exist\"; " +
            "run the assembly the service project builds, or set <AssemblyName>Contoso.Web</AssemblyName> in it",
            finding.Message);
    }

    [Fact]
    public void A_name_that_differs_only_in_case_is_named()
    {
        var finding = Assert.Single(Lint("ENTRYPOINT [\"dotnet\", \"contoso.api.dll\"]"));

        Assert.Contains("(one builds Contoso.Api.dll: file names are case-sensitive in the container)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_name_set_in_the_project_counts_instead_of_the_file_name()
    {
        var files = Contoso();
        files["src/Contoso.Api/Contoso.Api.csproj"] = Project("Contoso.Service");

        Assert.Empty(Lint("ENTRYPOINT [\"dotnet\", \"Contoso.Service.dll\"]", files));
        Assert.Single(Lint("ENTRYPOINT [\"dotnet\", \"Contoso.Api.dll\"]", files));
    }

    [Fact]
    public void The_entrypoint_of_the_stage_the_final_one_is_built_on_counts() =>
        Assert.Single(RunInContext(Rule, Lines("FROM img AS base", "ENTRYPOINT [\"dotnet\", \"Old.dll\"]", "FROM base AS final", "USER 1654"), Contoso()));

    [Theory]
    [InlineData("src/Contoso.Api/Contoso.Api.csproj", "<Project><PropertyGroup><AssemblyName>$(MSBuildProjectName).Host</AssemblyName></PropertyGroup></Project>")]
    [InlineData("Directory.Build.props", "<Project><PropertyGroup><AssemblyName>Contoso.$(MSBuildProjectName)</AssemblyName></PropertyGroup></Project>")]
    [InlineData("src/Contoso.Api/Contoso.Api.csproj", "not a project")]
    public void Nothing_is_told_when_an_assembly_name_cannot_be_known(string path, string text)
    {
        var files = Contoso();
        files[path] = text;

        Assert.Empty(Lint("ENTRYPOINT [\"dotnet\", \"Contoso.Web.dll\"]", files));
    }

    [Fact]
    public void Nothing_is_told_without_projects_in_the_context() =>
        Assert.Empty(Lint("ENTRYPOINT [\"dotnet\", \"Contoso.Web.dll\"]", new Dictionary<string, string> { ["app.dll"] = "" }));
}
