using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;
using static Slipway.Components.Tests.Dockerfiles.ProjectContexts;

namespace Slipway.Components.Tests.Dockerfiles;

public class RestoredProjectsRuleTests
{
    private static readonly RestoredProjectsRule Rule = new();

    private static string VisualStudio => Fixture("VisualStudio.Dockerfile");

    private static string WithCopies(string dockerfile, params string[] copies)
    {
        const string domain = "COPY [\"src/Contoso.Domain/Contoso.Domain.csproj\", \"src/Contoso.Domain/\"]\n";
        Assert.Contains(domain, dockerfile, StringComparison.Ordinal);
        return dockerfile.Replace(domain, domain + string.Concat(copies.Select(c => c + "\n")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_visual_studio_dockerfile_that_misses_a_referenced_project_names_the_chain_and_the_copy_to_add()
    {
        var finding = Assert.Single(RunInContext(Rule, VisualStudio, Contoso()));

        Assert.Equal(("SW1080", LintSeverity.Error, 14), (finding.Id, finding.Severity, finding.Line));
        Assert.Equal(
            "'dotnet restore' on line 14 needs src/Contoso.Infrastructure/Contoso.Infrastructure.csproj (src/Contoso.Api -> src/Contoso.Infrastructure), " +
            "but no COPY before it puts it at '/src/src/Contoso.Infrastructure/Contoso.Infrastructure.csproj'; " +
            "add COPY [\"src/Contoso.Infrastructure/Contoso.Infrastructure.csproj\", \"src/Contoso.Infrastructure/\"] before line 14",
            finding.Message);
    }

    [Fact]
    public void The_copy_the_message_asks_for_clears_the_finding() =>
        Assert.Empty(RunInContext(Rule, WithCopies(VisualStudio, "COPY [\"src/Contoso.Infrastructure/Contoso.Infrastructure.csproj\", \"src/Contoso.Infrastructure/\"]"), Contoso()));

    [Fact]
    public void A_transitive_reference_is_reported_with_the_whole_chain()
    {
        var dockerfile = VisualStudio.Replace("COPY [\"src/Contoso.Domain/Contoso.Domain.csproj\", \"src/Contoso.Domain/\"]",
            "COPY [\"src/Contoso.Infrastructure/Contoso.Infrastructure.csproj\", \"src/Contoso.Infrastructure/\"]", StringComparison.Ordinal);

        var finding = Assert.Single(RunInContext(Rule, dockerfile, Contoso()));

        Assert.Contains("needs src/Contoso.Domain/Contoso.Domain.csproj (src/Contoso.Api -> src/Contoso.Application -> src/Contoso.Domain)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dotnet_docker_multi_project_sample_has_no_finding() =>
        Assert.Empty(RunInContext(Rule, Fixture("MultiProjectApp.Dockerfile"), MultiProjectApp()));

    [Fact]
    public void A_stage_built_from_another_sees_its_copies_and_restores_from_its_working_directory()
    {
        var dockerfile = Fixture("MultiProjectApp.Dockerfile")
            .Replace("COPY --link LibBar/*.csproj LibBar/\n", "", StringComparison.Ordinal)
            .Replace("COPY --link LibBar/ LibBar/\n", "", StringComparison.Ordinal);

        var finding = Assert.Single(RunInContext(Rule, dockerfile, MultiProjectApp())); // the test stage's restore needs it too: reported once

        Assert.Equal((12, "App -> LibBar"), (finding.Line, finding.Message.Split('(', ')')[1]));
        Assert.EndsWith("add COPY [\"LibBar/LibBar.csproj\", \"LibBar/\"] before line 12", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_copy_to_add_has_an_absolute_destination_when_the_folder_is_outside_the_working_directory()
    {
        var dockerfile = Lines("FROM img", "WORKDIR /source/Tests", "COPY Tests/Tests.csproj .", "COPY LibFoo/LibFoo.csproj /source/LibFoo/", "RUN dotnet restore");

        var finding = Assert.Single(RunInContext(Rule, dockerfile, MultiProjectApp()));

        Assert.EndsWith("(Tests -> LibBar), but no COPY before it puts it at '/source/LibBar/LibBar.csproj'; add COPY [\"LibBar/LibBar.csproj\", \"/source/LibBar/\"] before line 5",
            finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Independent_build_stages_each_get_their_finding()
    {
        var stage = new[] { "FROM img", "WORKDIR /src", "COPY src/Contoso.Domain/Contoso.Domain.csproj src/Contoso.Domain/",
            "COPY src/Contoso.Application/Contoso.Application.csproj src/Contoso.Application/", "COPY src/Contoso.Api/Contoso.Api.csproj src/Contoso.Api/",
            "RUN dotnet restore src/Contoso.Api/Contoso.Api.csproj" };

        Assert.Equal([6, 12], RunInContext(Rule, Lines([.. stage, .. stage]), Contoso()).Select(f => f.Line));
    }

    [Fact]
    public void The_dotnet_docker_single_project_shape_restores_the_one_project_in_its_working_directory()
    {
        // samples/AspNetCoreRazorApp: the project file is copied into WORKDIR by wildcard, restore and publish take no project.
        var dockerfile = Lines(
            "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "ARG TARGETARCH", "WORKDIR /source",
            "COPY --link App/*.csproj .", "RUN dotnet restore -a $TARGETARCH",
            "COPY --link App/. .", "RUN dotnet publish -a $TARGETARCH --no-restore -o /app");
        var files = MultiProjectApp();

        Assert.Equal(2, RunInContext(Rule, dockerfile, files).Count); // App references LibBar and LibFoo, which this shape has no room for
        files["App/App.csproj"] = Project();
        Assert.Empty(RunInContext(Rule, dockerfile, files));
    }

    [Fact]
    public void The_template_restore_inputs_stage_is_trusted_to_hold_every_project_file()
    {
        var dockerfile = Lines(
            "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS restore-inputs",
            "WORKDIR /src",
            "RUN --mount=type=bind,target=/context cd /context && find . -name '*.*proj' -exec cp --parents --target-directory=/src {} +",
            "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build",
            "WORKDIR /src",
            "COPY --from=restore-inputs /src/ ./",
            "RUN dotnet restore src/Contoso.Api/Contoso.Api.csproj",
            "COPY . .");

        Assert.Empty(RunInContext(Rule, dockerfile, Contoso()));
    }

    [Fact]
    public void In_the_restore_inputs_pattern_a_restored_project_that_no_context_file_is_named_like_is_reported()
    {
        var dockerfile = Lines(
            "FROM img AS restore-inputs", "WORKDIR /src", "RUN --mount=type=bind,target=/context cp -r /context/. /src",
            "FROM img AS build", "WORKDIR /src", "COPY --from=restore-inputs /src/ ./", "RUN dotnet restore \"src/Contoso-Api/Contoso-Api.csproj\"");

        var finding = Assert.Single(RunInContext(Rule, dockerfile, Contoso()));

        Assert.Equal("'dotnet restore' on line 7 restores 'src/Contoso-Api/Contoso-Api.csproj', but the build context has no project file named Contoso-Api.csproj; fix the path", finding.Message);
    }

    [Fact]
    public void Copies_from_a_stage_are_mapped_back_to_the_context()
    {
        var dockerfile = Lines(
            "FROM img AS manifests",
            "WORKDIR /m",
            "COPY src/Contoso.Api/*.csproj api/",
            "COPY src/Contoso.Application/Contoso.Application.csproj app/",
            "FROM img AS build",
            "WORKDIR /src",
            "COPY --from=manifests /m/api/ src/Contoso.Api/",
            "COPY --from=manifests /m/app/Contoso.Application.csproj src/Contoso.Application/",
            "RUN dotnet restore src/Contoso.Api");

        var findings = RunInContext(Rule, dockerfile, Contoso());

        Assert.Equal(
            ["src/Contoso.Domain/Contoso.Domain.csproj (src/Contoso.Api -> src/Contoso.Application -> src/Contoso.Domain)",
             "src/Contoso.Infrastructure/Contoso.Infrastructure.csproj (src/Contoso.Api -> src/Contoso.Infrastructure)"],
            findings.Select(f => f.Message.Split(" needs ")[1].Split(", but")[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Copying_the_whole_context_or_the_src_folder_before_the_restore_leaves_nothing_missing()
    {
        Assert.Empty(RunInContext(Rule, Lines("FROM img", "WORKDIR /src", "COPY . .", "RUN dotnet restore src/Contoso.Api/Contoso.Api.csproj"), Contoso()));
        Assert.Empty(RunInContext(Rule, Lines("FROM img", "WORKDIR /src", "COPY src/ ./src", "RUN dotnet publish src/Contoso.Api -c Release"), Contoso()));
    }

    [Fact]
    public void A_solution_restore_checks_every_project_it_lists()
    {
        var dockerfile = Lines(
            "FROM img", "WORKDIR /src", "COPY Contoso.sln .",
            "COPY src/Contoso.Api/Contoso.Api.csproj src/Contoso.Api/",
            "COPY src/Contoso.Application/Contoso.Application.csproj src/Contoso.Application/",
            "RUN dotnet restore");

        var findings = RunInContext(Rule, dockerfile, Contoso());

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(6, f.Line));
    }

    [Fact]
    public void A_build_with_no_restore_is_not_a_restore()
    {
        var dockerfile = Lines("FROM img", "WORKDIR /src", "COPY src/Contoso.Api/Contoso.Api.csproj src/Contoso.Api/",
            "RUN dotnet build --no-restore src/Contoso.Api/Contoso.Api.csproj");

        Assert.Empty(RunInContext(Rule, dockerfile, Contoso()));
        Assert.Equal(3, RunInContext(Rule, dockerfile.Replace("--no-restore ", "", StringComparison.Ordinal), Contoso()).Count);
    }

    [Fact]
    public void A_reference_that_leaves_the_build_context_is_its_own_error()
    {
        var files = new Dictionary<string, string>
        {
            ["Api.csproj"] = Project(null, "..\\Shared\\Shared.csproj"),
        };
        var finding = Assert.Single(RunInContext(Rule, Lines("FROM img", "WORKDIR /src", "COPY Api.csproj .", "RUN dotnet restore Api.csproj"), files));

        Assert.Equal(("SW1081", 4), (finding.Id, finding.Line));
        Assert.StartsWith("'dotnet restore' on line 4: Api.csproj references '../Shared/Shared.csproj' (Api.csproj -> ../Shared), which is outside the build context", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_referenced_project_the_dockerignore_excludes_is_reported_as_excluded()
    {
        var files = Contoso();
        var finding = Assert.Single(RunInContext(Rule, VisualStudio, files, GoodIgnore + "src/Contoso.Infrastructure/\n")); // at the restore, not again at the build and publish

        Assert.Equal(14, finding.Line);
        Assert.Contains("needs src/Contoso.Infrastructure/Contoso.Infrastructure.csproj (src/Contoso.Api -> src/Contoso.Infrastructure), but .dockerignore excludes it from the build context; remove the pattern",
            finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restore_of_a_project_no_copy_brings_in_is_reported()
    {
        var finding = Assert.Single(RunInContext(Rule, Lines("FROM img", "WORKDIR /src", "RUN dotnet restore \"src/Api/Api.csproj\""), Contoso()));

        Assert.Equal("'dotnet restore' on line 3 restores '/src/src/Api/Api.csproj', but no COPY before it puts that file there; copy it from the build context first", finding.Message);
    }

    [Fact]
    public void References_with_msbuild_properties_are_not_followed()
    {
        var files = new Dictionary<string, string>
        {
            ["Api/Api.csproj"] = Project(null, "$(RepoRoot)Shared/Shared.csproj"),
            ["Shared/Shared.csproj"] = Project(),
        };

        Assert.Empty(RunInContext(Rule, Lines("FROM img", "COPY Api/Api.csproj Api/", "RUN dotnet restore Api/Api.csproj"), files));
    }

    [Fact]
    public void Nothing_is_told_without_the_build_context_or_with_a_workdir_variable_without_value()
    {
        Assert.Empty(Run(Rule, VisualStudio));
        Assert.Empty(RunInContext(Rule, Lines("FROM img", "WORKDIR $ROOT", "COPY src/Contoso.Api/Contoso.Api.csproj .", "RUN dotnet restore"), Contoso()));
        Assert.Empty(RunInContext(Rule, Lines("FROM img", "WORKDIR /src", "COPY --parents src/*/*.csproj ./", "RUN dotnet restore src/Contoso.Api/Contoso.Api.csproj"), Contoso()));
    }
}
