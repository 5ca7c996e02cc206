using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;
using static Slipway.Components.Tests.Dockerfiles.ProjectContexts;

namespace Slipway.Components.Tests.Dockerfiles;

public class MissingCopySourceRuleTests
{
    private static readonly MissingCopySourceRule Rule = new();

    private static IReadOnlyList<LintFinding> Lint(string dockerfile, string ignore = GoodIgnore) =>
        RunInContext(Rule, dockerfile, Contoso(), ignore);

    [Fact]
    public void A_source_that_is_not_in_the_context_fails_with_its_line()
    {
        var finding = Assert.Single(Lint(Lines("FROM img", "WORKDIR /src", "COPY [\"src/Contoso.Api/Contoso.Api.csproj\", \"Directory.Build.props\", \"./\"]")));

        Assert.Equal(("SW1090", LintSeverity.Error, 3), (finding.Id, finding.Severity, finding.Line));
        Assert.Equal(
            "COPY on line 3 copies 'Directory.Build.props', which is not in the build context, so the build fails with \"not found\"; " +
            "fix the path (it is relative to the context root, not to the Dockerfile), or write a wildcard such as 'Directory.Build.prop[s]' if the file is optional",
            finding.Message);
    }

    [Theory]
    [InlineData("COPY NuGet.confi[g] ./")]
    [InlineData("COPY *.props ./")]
    [InlineData("COPY src/*/Missing.csproj ./")]
    public void A_wildcard_that_matches_nothing_is_fine(string copy) =>
        Assert.Empty(Lint(Lines("FROM img", copy)));

    [Theory]
    [InlineData("COPY . .")]
    [InlineData("COPY src/ src/")]
    [InlineData("COPY ./src/Contoso.Api/./Contoso.Api.csproj src/")]
    [InlineData("COPY src/Contoso.Domain src/Contoso.Domain")]
    [InlineData("COPY --from=build /app/publish .")]
    [InlineData("COPY --from=mcr.microsoft.com/dotnet/aspnet:8.0 /usr/share/dotnet /dotnet")]
    [InlineData("ADD https://example.com/tool.tar.gz /tmp/")]
    [InlineData("COPY $UNSET/x.csproj ./")]
    public void Sources_that_exist_or_are_not_in_the_context_are_not_judged(string copy) =>
        Assert.Empty(Lint(Lines("FROM img AS build", copy)));

    [Fact]
    public void Variables_are_expanded_before_looking()
    {
        Assert.Empty(Lint(Lines("FROM img", "ARG PROJECT=Contoso.Api", "COPY src/${PROJECT}/${PROJECT}.csproj ./")));
        Assert.Single(Lint(Lines("FROM img", "ARG PROJECT=Contoso.Web", "COPY src/${PROJECT}/${PROJECT}.csproj ./")));
    }

    [Fact]
    public void A_source_the_dockerignore_excludes_is_missing_too_and_the_message_says_why()
    {
        var finding = Assert.Single(Lint(Lines("FROM img", "COPY Contoso.sln ./"), GoodIgnore + "*.sln\n"));

        Assert.StartsWith("COPY on line 2 copies 'Contoso.sln', which .dockerignore excludes from the build context", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_above_the_context_is_named_as_outside_it() =>
        Assert.Contains("which is outside the build context", Assert.Single(Lint(Lines("FROM img", "COPY ../Shared/Shared.csproj ./"))).Message, StringComparison.Ordinal);

    [Fact]
    public void The_visual_studio_and_dotnet_docker_shapes_have_no_finding()
    {
        Assert.Empty(Lint(Fixture("VisualStudio.Dockerfile").Replace("Contoso.Domain", "Contoso.Infrastructure", StringComparison.Ordinal)));
        Assert.Empty(RunInContext(Rule, Fixture("MultiProjectApp.Dockerfile"), MultiProjectApp()));
    }
}
