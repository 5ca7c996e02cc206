using Slipway.Components.Dockerfiles;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>
/// The Dockerfile AddDockerfile writes (DockerfileAddition, ServiceDockerfile): for a web and a worker project of a
/// solution folder, linted with that folder as the context, and what it refuses.
/// </summary>
public sealed class ServiceDockerfileTests : IDisposable
{
    private const string Worker = "<Project Sdk=\"Microsoft.NET.Sdk.Worker\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n" +
        "  <ItemGroup><ProjectReference Include=\"..\\Contoso.Shared\\Contoso.Shared.csproj\" /></ItemGroup>\n</Project>\n";

    private const string Library = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n</Project>\n";

    private readonly TemporaryDirectory _temp = new("slipway-service-dockerfile");

    private AbsolutePath Root => _temp.Path;

    private AbsolutePath Solution => Root / "Contoso.sln";

    public ServiceDockerfileTests()
    {
        Write("src/Contoso.Worker/Contoso.Worker.csproj", Worker.Replace("net10.0", $"net{TemplateFiles.RuntimeMajorVersion(TemplateFiles.Dockerfile)}.0", StringComparison.Ordinal));
        Write("src/Contoso.Worker/Program.cs", "return;\n");
        Write("src/Contoso.Shared/Contoso.Shared.csproj", Library);
        Write("src/Contoso.Api/Contoso.Api.csproj", ProjectContexts.Project(null, "..\\Contoso.Shared\\Contoso.Shared.csproj"));
        Write("src/Contoso.Api/Program.cs", "return;\n");
        Write("src/Contoso.Unlisted/Contoso.Unlisted.csproj", Worker);
        WriteSolution("src\\Contoso.Worker\\Contoso.Worker.csproj", "src\\Contoso.Shared\\Contoso.Shared.csproj", "src\\Contoso.Api\\Contoso.Api.csproj");
    }

    [Fact]
    public void A_worker_gets_a_cross_built_non_root_image_without_an_http_health_check_and_no_lint_finding()
    {
        var addition = DockerfileAddition.Plan(Root / "src" / "Contoso.Worker", Solution);
        addition.Write();
        var text = (Root / "src" / "Contoso.Worker" / "Dockerfile").ReadAllText();

        Assert.Contains("FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build", text, StringComparison.Ordinal);
        Assert.Contains("dotnet restore \"src/Contoso.Worker/Contoso.Worker.csproj\"", text, StringComparison.Ordinal);
        Assert.Contains("RUN dotnet publish \"src/Contoso.Worker/Contoso.Worker.csproj\"", text, StringComparison.Ordinal);
        Assert.Contains("USER 1654\nENTRYPOINT [\"dotnet\", \"Contoso.Worker.dll\"]\n", text, StringComparison.Ordinal);
        Assert.Contains("no HTTP health check", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nHEALTHCHECK", text, StringComparison.Ordinal);
        Assert.DoesNotContain("EXPOSE", text, StringComparison.Ordinal);
        Assert.Empty(Lint(text));
    }

    [Fact]
    public void An_aspnet_core_project_gets_its_port_and_an_exec_form_health_check_and_no_lint_finding()
    {
        var text = DockerfileAddition.Plan(Root / "src" / "Contoso.Api" / "Contoso.Api.csproj", Solution).Render();

        Assert.Contains("EXPOSE 8080", text, StringComparison.Ordinal);
        Assert.Contains("  CMD [\"dotnet\", \"Contoso.Api.dll\", \"--healthcheck\"]\nENTRYPOINT [\"dotnet\", \"Contoso.Api.dll\"]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("slipway-ignore", text, StringComparison.Ordinal);
        Assert.Empty(Lint(text));
    }

    [Fact]
    public void The_base_images_and_the_restore_inputs_stage_are_the_templates_own()
    {
        var template = (RepositoryPaths.Root / "src" / "Slipway.Templates" / "content" / "slipway" / "Dockerfile").ReadAllText();
        var text = DockerfileAddition.Plan(Root / "src" / "Contoso.Worker", Solution).Render();

        var pins = template.Split('\n').Where(l => l.StartsWith("ARG ", StringComparison.Ordinal) && l.Contains("@sha256:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pins.Count);
        Assert.All(pins, pin => Assert.Contains(pin + "\n", text, StringComparison.Ordinal));
        Assert.Contains(TemplateFiles.RestoreInputsStage(template), text, StringComparison.Ordinal);
        Assert.StartsWith("# Restore inputs:", TemplateFiles.RestoreInputsStage(template), StringComparison.Ordinal);
        Assert.EndsWith("| tar -cf - -T - | tar -xf - -C /src", TemplateFiles.RestoreInputsStage(template), StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_solution_and_project_use_paths_from_the_solution_folder_and_the_assembly_name_the_project_sets()
    {
        Write("services/orders/Orders.slnx", "<Solution>\n  <Folder Name=\"/src/\">\n    <Project Path=\"src/Api/Orders.Api.csproj\" />\n  </Folder>\n</Solution>\n");
        Write("services/orders/src/Api/Orders.Api.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <AssemblyName>Contoso.Orders</AssemblyName>\n  </PropertyGroup>\n</Project>\n");
        Write("services/orders/src/Api/Program.cs", "return;\n");

        var addition = DockerfileAddition.Plan(Root / "services" / "orders" / "src" / "Api", Root / "services" / "orders" / "Orders.slnx");
        addition.Write();
        var text = addition.Dockerfile.ReadAllText();

        Assert.Equal(Root / "services" / "orders" / "src" / "Api" / "Dockerfile", addition.Dockerfile);
        Assert.Contains("dotnet restore \"src/Api/Orders.Api.csproj\"", text, StringComparison.Ordinal);
        Assert.Contains("docker buildx build -f src/Api/Dockerfile .", text, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Contoso.Orders.dll\"]", text, StringComparison.Ordinal);
        Assert.True((Root / "services" / "orders" / ".dockerignore").FileExists());
        Assert.Empty(Lint(text, Root / "services" / "orders"));
    }

    [Fact]
    public void The_solution_folders_dockerignore_is_written_when_missing_and_never_overwritten()
    {
        DockerfileAddition.Plan(Root / "src" / "Contoso.Worker", Solution).Write();
        Assert.Equal(TemplateFiles.DockerIgnore, (Root / ".dockerignore").ReadAllText());
        Assert.Contains("**/Dockerfile*", TemplateFiles.DockerIgnore, StringComparison.Ordinal);

        Write(".dockerignore", GoodIgnore);
        DockerfileAddition.Plan(Root / "src" / "Contoso.Api", Solution).Write();

        Assert.Equal(GoodIgnore, (Root / ".dockerignore").ReadAllText());
    }

    [Fact]
    public void An_existing_dockerfile_is_refused_and_left_as_it_is()
    {
        Write("src/Contoso.Worker/Dockerfile", "FROM mine\n");

        var ex = Assert.Throws<BuildFailedException>(() => DockerfileAddition.Plan(Root / "src" / "Contoso.Worker", Solution));

        Assert.Equal("src/Contoso.Worker/Dockerfile already exists, and AddDockerfile never overwrites a file. Remove or rename it first to have a new one written.", ex.Message);
        Assert.Equal("FROM mine\n", (Root / "src" / "Contoso.Worker" / "Dockerfile").ReadAllText());
    }

    [Theory]
    [InlineData("src/Contoso.Missing", "There is no project at")]
    [InlineData("src/Contoso.Shared", "Contoso.Shared.csproj is not an executable project: it builds a library")]
    [InlineData("src/Contoso.Unlisted", "Contoso.Unlisted.csproj is not in the solution Contoso.sln")]
    [InlineData("src/Contoso.Worker/Program.cs", "is not a project file")]
    [InlineData("src", "holds no project file")]
    public void A_project_that_cannot_have_a_dockerfile_is_refused_naming_the_problem(string project, string message)
    {
        var ex = Assert.Throws<BuildFailedException>(() => DockerfileAddition.Plan(Root / project, Solution));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--", ex.Message, StringComparison.Ordinal); // the fix names the option or command to use
        Assert.False(Directory.EnumerateFiles(Root, "Dockerfile", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void A_project_outside_the_solution_is_refused_with_the_command_that_adds_it()
    {
        var ex = Assert.Throws<BuildFailedException>(() => DockerfileAddition.Plan(Root / "src" / "Contoso.Unlisted", Solution));

        Assert.Contains("dotnet sln Contoso.sln add src/Contoso.Unlisted/Contoso.Unlisted.csproj", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_output_type_decides_whether_a_project_is_executable()
    {
        Write("src/Contoso.Tool/Contoso.Tool.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>\n</Project>\n");
        Write("src/Contoso.WebLib/Contoso.WebLib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup><OutputType>Library</OutputType></PropertyGroup>\n</Project>\n");
        WriteSolution("src/Contoso.Tool/Contoso.Tool.csproj", "src/Contoso.WebLib/Contoso.WebLib.csproj");

        Assert.False(DockerfileAddition.Plan(Root / "src" / "Contoso.Tool", Solution).Project.IsAspNetCore);
        Assert.Throws<BuildFailedException>(() => DockerfileAddition.Plan(Root / "src" / "Contoso.WebLib", Solution));
    }

    [Fact]
    public void A_project_for_another_dotnet_than_the_pinned_images_is_told_how_to_align_them()
    {
        Write("src/Contoso.Legacy/Contoso.Legacy.csproj", Worker.Replace("net10.0", "net8.0", StringComparison.Ordinal));
        WriteSolution("src/Contoso.Legacy/Contoso.Legacy.csproj", "src/Contoso.Worker/Contoso.Worker.csproj");

        var mismatch = DockerfileAddition.Plan(Root / "src" / "Contoso.Legacy", Solution).FrameworkMismatch();

        var pinned = TemplateFiles.RuntimeMajorVersion(TemplateFiles.Dockerfile);
        Assert.True(pinned >= 10, $"the template pins .NET {pinned}");
        Assert.StartsWith($"Contoso.Legacy.csproj targets net8.0, but the Dockerfile's base images are .NET {pinned}'s", mismatch, StringComparison.Ordinal);
        Assert.Contains("aspnet:8.0-noble-chiseled", mismatch, StringComparison.Ordinal);
        Assert.Null(DockerfileAddition.Plan(Root / "src" / "Contoso.Worker", Solution).FrameworkMismatch());
    }

    /// <summary>Lints the text as the Dockerfile of a build with <paramref name="context"/> (the solution folder) as its context, for two platforms.</summary>
    private IReadOnlyList<string> Lint(string text, AbsolutePath? context = null)
    {
        context ??= Root;
        if (!(context / ".dockerignore").FileExists()) (context / ".dockerignore").WriteAllText(TemplateFiles.DockerIgnore);
        var ignore = DockerIgnore.Parse((context / ".dockerignore").ReadAllText());
        return new DockerfileLinter().Lint(text, ignore, buildContext: BuildContext.FromDirectory(context, ignore),
                platforms: ["linux/amd64", "linux/arm64"], builderPlatform: "linux/amd64")
            .Select(f => f.Format("Dockerfile")).ToList();
    }

    private void WriteSolution(params string[] projects) =>
        Write("Contoso.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\n" + string.Concat(projects.Select((p, i) =>
            $"Project(\"{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}\") = \"P{i}\", \"{p}\", \"{{00000000-0000-0000-0000-00000000000{i}}}\"\nEndProject\n")));

    private void Write(string path, string text)
    {
        var file = Root / path;
        file.Parent!.CreateDirectory();
        file.WriteAllText(text);
    }

    public void Dispose() => _temp.Dispose();
}
