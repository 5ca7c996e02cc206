using Slipway.Components.Dockerfiles;
using Slipway.Components.Sbom;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Sbom;

/// <summary>Which project the SBOM lists the packages of: the Dockerfile's <c>dotnet publish</c>, src/, or <c>--sbom-project</c>.</summary>
public sealed class SbomProjectLocatorTests : IDisposable
{
    private readonly TemporaryDirectory _temp = new("slipway-sbom-project");

    private AbsolutePath Root => _temp.Path;

    private AbsolutePath Project(string relative, string content = "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />")
    {
        var file = Root / relative;
        file.WriteAllText(content);
        return file;
    }

    private AbsolutePath Dockerfile(params string[] lines)
    {
        var file = Root / "Dockerfile";
        file.WriteAllText(string.Join('\n', lines) + "\n");
        return file;
    }

    private static string? PublishedPath(params string[] lines) =>
        Assert.Single(PublishCommand.Find(DockerfileParser.Parse(string.Join('\n', lines)))).Path;

    [Fact]
    public void Reads_the_project_of_a_multi_line_publish_with_options_before_and_after_it()
    {
        Assert.Equal("src/Acme.Orders/Acme.Orders.csproj", PublishedPath(
            "FROM sdk AS build",
            "RUN dotnet restore src/Acme.Orders/Acme.Orders.csproj",
            "RUN dotnet publish -c Release \\",
            "      src/Acme.Orders/Acme.Orders.csproj \\",
            "      --no-restore --output /app/publish -p:UseAppHost=false \\",
            " && find /app/publish -exec touch {} +"));
    }

    [Fact]
    public void Skips_option_values_that_look_like_paths()
    {
        Assert.Equal("App/App.csproj", PublishedPath("FROM sdk", "RUN dotnet publish --output /app -r linux-x64 --self-contained false App/App.csproj"));
        Assert.Equal("App.csproj", PublishedPath("FROM sdk", "RUN dotnet publish --self-contained App.csproj"));
    }

    [Fact]
    public void Reads_exec_form_and_a_publish_after_another_command()
    {
        Assert.Equal("Api.csproj", PublishedPath("FROM sdk", "RUN [\"dotnet\", \"publish\", \"Api.csproj\", \"-o\", \"/app\"]"));
        Assert.Equal("Api.csproj", PublishedPath("FROM sdk", "RUN dotnet --info; /usr/bin/dotnet publish Api.csproj"));
    }

    [Fact]
    public void A_publish_without_a_path_publishes_the_working_directory()
    {
        Assert.Equal(".", PublishedPath("FROM sdk", "RUN dotnet publish -c Release -o /app"));
    }

    [Fact]
    public void Other_dotnet_commands_are_no_publish()
    {
        Assert.Empty(PublishCommand.Find(DockerfileParser.Parse("FROM sdk\nRUN dotnet build App.csproj && dotnet test Tests.csproj\nRUN echo dotnet publish")));
    }

    [Fact]
    public void The_template_Dockerfile_publishes_the_service_project()
    {
        var template = RepositoryPaths.Root / "src" / "Slipway.Templates" / "content" / "slipway" / "Dockerfile";

        Assert.Equal("src/Acme-Orders/Acme-Orders.csproj", Assert.Single(PublishCommand.Find(DockerfileParser.Parse(template.ReadAllText()))).Path);
    }

    [Fact]
    public void Resolves_the_published_project_against_the_build_context()
    {
        var service = Project("src/Acme.Orders/Acme.Orders.csproj");
        Project("tests/Acme.Orders.Tests/Acme.Orders.Tests.csproj");
        var dockerfile = Dockerfile("FROM sdk AS build", "WORKDIR /src", "COPY . .", "RUN dotnet publish src/Acme.Orders/Acme.Orders.csproj -o /app",
            "FROM aspnet", "COPY --from=build /app .");

        var choice = SbomProjectLocator.Locate(null, dockerfile, Root);

        Assert.Equal(service, choice.Project);
        Assert.Contains("'dotnet publish src/Acme.Orders/Acme.Orders.csproj' (line 4) of Dockerfile", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_path_in_the_image_resolves_to_the_part_that_exists_in_the_context()
    {
        var service = Project("src/Acme.Orders/Acme.Orders.csproj");

        Assert.Equal(service, SbomProjectLocator.Resolve("/src/src/Acme.Orders/Acme.Orders.csproj", Root));
        Assert.Equal(service, SbomProjectLocator.Resolve("/build/src/Acme.Orders/", Root));
        Assert.Equal(service, SbomProjectLocator.Resolve("Acme.Orders.csproj", Root)); // WORKDIR inside the project: found by name
        Assert.Null(SbomProjectLocator.Resolve("$PROJECT", Root));
    }

    [Fact]
    public void The_sample_service_Dockerfile_names_its_project()
    {
        var choice = SbomProjectLocator.Locate(null, RepositoryPaths.SampleService / "Dockerfile", RepositoryPaths.SampleService);

        Assert.Equal(RepositoryPaths.SampleService / "SampleService.csproj", choice.Project);
    }

    [Fact]
    public void Without_a_usable_publish_line_the_single_non_test_project_under_src_is_chosen()
    {
        var service = Project("src/Acme.Orders/Acme.Orders.csproj");
        Project("src/Acme.Orders.Tests/Acme.Orders.Tests.csproj");
        Project("src/Acme.Checks/Acme.Checks.csproj", "<Project><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>");
        Project("src/Acme.Specs/Acme.Specs.csproj", "<Project><ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" /></ItemGroup></Project>");
        var dockerfile = Dockerfile("FROM sdk", "RUN dotnet publish $PROJECT -o /app");

        var choice = SbomProjectLocator.Locate(null, dockerfile, Root);

        Assert.Equal((service, "the only non-test project under src/"), (choice.Project, choice.Reason));
    }

    [Fact]
    public void Two_published_projects_are_narrowed_to_the_stage_the_image_copies_from()
    {
        var api = Project("src/Api/Api.csproj");
        Project("src/Tool/Tool.csproj");
        var dockerfile = Dockerfile(
            "FROM sdk AS tool", "RUN dotnet publish src/Tool/Tool.csproj -o /tool",
            "FROM sdk AS build", "RUN dotnet publish src/Api/Api.csproj -o /app",
            "FROM aspnet", "COPY --from=build /app .");

        Assert.Equal(api, SbomProjectLocator.Locate(null, dockerfile, Root).Project);
    }

    [Fact]
    public void The_sbom_project_parameter_wins_and_a_directory_stands_for_its_project()
    {
        Project("src/Acme.Orders/Acme.Orders.csproj");
        var worker = Project("src/Acme.Worker/Acme.Worker.csproj");
        var dockerfile = Dockerfile("FROM sdk", "RUN dotnet publish src/Acme.Orders/Acme.Orders.csproj");

        var choice = SbomProjectLocator.Locate(Root / "src" / "Acme.Worker", dockerfile, Root);

        Assert.Equal((worker, "--sbom-project"), (choice.Project, choice.Reason));
    }

    [Fact]
    public void Fails_naming_the_way_out_when_no_project_can_be_told()
    {
        Project("src/A/A.csproj");
        Project("src/B/B.csproj");
        var dockerfile = Dockerfile("FROM sdk", "RUN dotnet publish Missing.csproj");

        var failure = Assert.Throws<BuildFailedException>(() => SbomProjectLocator.Locate(null, dockerfile, Root));

        Assert.Contains("'Missing.csproj' (line 2)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("src/ has 2 non-test projects (src/A/A.csproj, src/B/B.csproj)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--sbom-project", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sbom_project_that_is_no_project_fails()
    {
        var failure = Assert.Throws<BuildFailedException>(() => SbomProjectLocator.Locate(Root / "nothing-here", Dockerfile("FROM sdk"), Root));

        Assert.Contains("--sbom-project nothing-here", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
