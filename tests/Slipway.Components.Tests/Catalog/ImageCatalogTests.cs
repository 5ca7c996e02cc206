using Slipway.Components.Catalog;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Components.Tests.Catalog;

/// <summary>
/// The images of a repository, found before any target runs (issue 24): Visual Studio's project Dockerfiles with the
/// solution folder as context, the template's root Dockerfile as before, an explicit list that replaces both, the
/// <c>--images</c> selection, and every bad input refused with exit code 2 before the first target.
/// </summary>
public sealed class ImageCatalogTests(ContosoSolutions solutions) : IClassFixture<ContosoSolutions>, IDisposable
{
    private readonly TemporaryDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    internal sealed class PublishBuild : SlipwayBuild, IPublish;

    internal sealed class PlatformJobsBuild : SlipwayBuild, Slipway.Components.PlatformJobs.IPublishPlatforms;

    internal sealed class ListedBuild : SlipwayBuild, IPublish
    {
        ImageDefinition[] IContainerImage.ImageDefinitions =>
        [
            new() { Name = "api", Dockerfile = RootDirectory / "src/Contoso.Api/Dockerfile", Context = RootDirectory, Project = RootDirectory / "src/Contoso.Api/Contoso.Api.csproj" },
        ];
    }

    private static void Dockerfile(AbsolutePath folder) => (folder / "Dockerfile").WriteAllText("FROM scratch\n");

    private static IReadOnlyList<ContainerImage> Find(AbsolutePath root, string? format = null, AbsolutePath? dockerfile = null, IReadOnlyList<ImageDefinition>? definitions = null) =>
        ImageCatalog.Find(new ImageSources
        {
            Root = root,
            Artifacts = root / "artifacts",
            Solution = format is null ? null : root / $"Contoso.{format}",
            RootImageName = "contoso",
            GivenDockerfile = dockerfile,
            Definitions = definitions ?? [],
        });

    private static (int ExitCode, string Output) Run<TBuild>(AbsolutePath root, params string[] arguments) where TBuild : SlipwayBuild, new()
    {
        using var output = new StringWriter();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        var code = Engine.Run<TBuild>(new EngineOptions(arguments) { RootDirectory = root, Environment = environment, Output = output }, []);
        // Each line of an error carries the log's level mark; the messages are compared without it.
        return (code, System.Text.RegularExpressions.Regex.Replace(output.ToString().ReplaceLineEndings("\n"), "^ERR ", "", System.Text.RegularExpressions.RegexOptions.Multiline));
    }

    [Theory]
    [InlineData("sln")]
    [InlineData("slnx")]
    public void Each_project_with_a_dockerfile_in_its_folder_is_an_image_named_after_it_built_from_the_solution_folder(string format)
    {
        var root = solutions.Copy(_temp, format);
        Dockerfile(root / "src/Contoso.Api");
        Dockerfile(root / "src/Contoso.Worker");

        var images = Find(root, format);

        Assert.Equal(["contoso-api", "contoso-worker"], images.Select(i => i.Name));
        var api = images[0];
        Assert.Equal(root / "src/Contoso.Api/Dockerfile", api.Dockerfile);
        Assert.Equal(root, api.Context);
        Assert.Equal(root / "src/Contoso.Api/Contoso.Api.csproj", api.Project);
        Assert.Equal(root / "artifacts/images/contoso-api/image.json", api.RecordFile);
    }

    [Fact]
    public void The_root_dockerfile_is_an_image_of_its_own_named_and_recorded_as_before_beside_the_project_images()
    {
        var root = solutions.Copy(_temp, "slnx");
        Dockerfile(root);
        Dockerfile(root / "src/Contoso.Worker");

        var images = Find(root, "slnx");

        Assert.Equal(["contoso", "contoso-worker"], images.Select(i => i.Name));
        Assert.Equal(root / "Dockerfile", images[0].Dockerfile);
        Assert.Equal(root, images[0].Context);
        Assert.Equal(root / "artifacts/image.json", images[0].RecordFile);
    }

    [Fact]
    public void The_template_layout_has_one_image_the_root_dockerfile_and_a_dockerfile_option_keeps_its_folder_as_context()
    {
        var root = solutions.Copy(_temp, "sln");
        Dockerfile(root);
        Dockerfile(root / "deploy");

        var template = Assert.Single(Find(root, "sln"));
        var given = Assert.Single(Find(root, "sln", dockerfile: root / "deploy/Dockerfile"));

        Assert.Equal(("contoso", root / "artifacts/image.json"), (template.Name, template.RecordFile));
        Assert.Equal(("contoso", root / "deploy", root / "artifacts/image.json"), (given.Name, given.Context, given.RecordFile));
    }

    [Fact]
    public void An_explicit_list_replaces_the_images_found()
    {
        var root = solutions.Copy(_temp, "sln");
        Dockerfile(root);
        Dockerfile(root / "src/Contoso.Api");

        var images = Find(root, "sln", definitions:
        [
            new() { Name = "edge", Dockerfile = root / "src/Contoso.Api/Dockerfile", Context = root / "src" },
        ]);

        var edge = Assert.Single(images);
        Assert.Equal(("edge", root / "src", root / "artifacts/images/edge/image.json"), (edge.Name, edge.Context, edge.RecordFile));
    }

    [Fact]
    public void A_list_with_a_dockerfile_option_or_a_missing_project_is_refused_naming_the_fix()
    {
        var root = solutions.Copy(_temp, "sln");
        Dockerfile(root / "src/Contoso.Api");
        ImageDefinition[] listed = [new() { Name = "api", Dockerfile = root / "src/Contoso.Api/Dockerfile", Context = root, Project = root / "src/Contoso.Api/Api.csproj" }];

        var both = Assert.Throws<BuildFailedException>(() => Find(root, "sln", dockerfile: root / "src/Contoso.Api/Dockerfile", definitions: listed));
        var project = Assert.Throws<BuildFailedException>(() => Find(root, "sln", definitions: listed));

        Assert.Contains("Both --dockerfile (src/Contoso.Api/Dockerfile) and ImageDefinitions list the images", both.Message, StringComparison.Ordinal);
        Assert.Contains("The image 'api' of ImageDefinitions: its Project src/Contoso.Api/Api.csproj does not exist.", project.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_in_parameters_json_is_read_shown_by_help_and_a_missing_file_refused_before_any_target()
    {
        var root = solutions.Copy(_temp, "slnx");
        Dockerfile(root / "src/Contoso.Api");
        const string edge = """{ "Name": "contoso-edge", "Dockerfile": "src/Contoso.Api/Dockerfile", "Context": ".", "Project": "src/Contoso.Api/Contoso.Api.csproj" }""";
        (root / ".nuke/parameters.json").WriteAllText($$"""{ "ImageDefinitions": [ {{edge}} ] }""");
        var help = Run<PublishBuild>(root, "--help");
        (root / ".nuke/parameters.json").WriteAllText($$"""{ "ImageDefinitions": [ {{edge}}, { "Name": "contoso-jobs", "Dockerfile": "src/Contoso.Jobs/Dockerfile", "Context": "src/Contoso.Jobs" } ] }""");
        var broken = Run<PublishBuild>(root, "--help");
        var lint = Run<PublishBuild>(root, "DockerLint", "--images", "contoso-edge");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("  contoso-edge: src/Contoso.Api/Dockerfile, context ., project src/Contoso.Api/Contoso.Api.csproj\n", help.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("contoso-api:", help.Output, StringComparison.Ordinal);
        Assert.Contains("  error: The image 'contoso-jobs' of ImageDefinitions: its Dockerfile src/Contoso.Jobs/Dockerfile does not exist.", broken.Output, StringComparison.Ordinal);
        Assert.Equal(2, lint.ExitCode);
        Assert.Contains("Target DockerLint: The image 'contoso-jobs' of ImageDefinitions: its Dockerfile src/Contoso.Jobs/Dockerfile does not exist.", lint.Output, StringComparison.Ordinal);
        Assert.Contains("its Context src/Contoso.Jobs is no directory", lint.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("── DockerLint", lint.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_class_lists_its_images_in_code()
    {
        var root = solutions.Copy(_temp, "sln");
        Dockerfile(root);
        Dockerfile(root / "src/Contoso.Api");

        var plan = Run<ListedBuild>(root, "DockerLint", "--plan");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("Images (--images selects; default all):\n  api: src/Contoso.Api/Dockerfile, context ., project src/Contoso.Api/Contoso.Api.csproj\n", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("contoso-api:", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_selects_by_name_and_the_one_image_targets_work_on_the_selected_dockerfile()
    {
        var root = solutions.Copy(_temp, "slnx");
        Dockerfile(root / "src/Contoso.Api");
        Dockerfile(root / "src/Contoso.Worker");

        var plan = Run<PublishBuild>(root, "DockerLint", "--plan", "--images", "Contoso-Worker");
        var lint = Run<PublishBuild>(root, "DockerLint", "--images", "contoso-worker");

        Assert.Contains("contoso-api: src/Contoso.Api/Dockerfile, context ., project src/Contoso.Api/Contoso.Api.csproj  (not selected)", plan.Output, StringComparison.Ordinal);
        Assert.Contains("── DockerLint", lint.Output, StringComparison.Ordinal);
        Assert.Contains("src/Contoso.Worker/Dockerfile", lint.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("src/Contoso.Api/Dockerfile", lint.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerLint_lints_every_image_before_it_fails_and_names_each_image_that_failed()
    {
        var root = solutions.Copy(_temp, "slnx");
        Dockerfile(root / "src/Contoso.Api");
        Dockerfile(root / "src/Contoso.Worker");

        var lint = Run<PublishBuild>(root, "DockerLint");

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains("src/Contoso.Api/Dockerfile: ", lint.Output, StringComparison.Ordinal);
        Assert.Contains("src/Contoso.Worker/Dockerfile: ", lint.Output, StringComparison.Ordinal);
        Assert.Contains("2 of 2 images failed the lint. contoso-api: src/Contoso.Api/Dockerfile has ", lint.Output, StringComparison.Ordinal);
        Assert.Contains(" contoso-worker: src/Contoso.Worker/Dockerfile has ", lint.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_image_name_is_refused_before_any_target_listing_the_images_found()
    {
        var root = solutions.Copy(_temp, "sln");
        Dockerfile(root / "src/Contoso.Api");

        var run = Run<PublishBuild>(root, "DockerLint", "--images", "contoso-web");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--images contoso-web: there is no such image. The images of this repository are:\n  contoso-api: src/Contoso.Api/Dockerfile, context ., project src/Contoso.Api/Contoso.Api.csproj\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("── DockerLint", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_images_with_one_repository_name_are_refused_before_any_target_naming_both_projects()
    {
        var root = solutions.Copy(_temp, "sln");
        ContosoSolutions.WriteProject(root, "tools", "Contoso_Api");
        ContosoSolutions.Dotnet(root, "sln", "Contoso.sln", "add", "tools/Contoso_Api");
        Dockerfile(root / "src/Contoso.Api");
        Dockerfile(root / "tools/Contoso_Api");

        var run = Run<PublishBuild>(root, "Publish", "--registry", "localhost:5000/acme");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Images of project src/Contoso.Api/Contoso.Api.csproj and of project tools/Contoso_Api/Contoso_Api.csproj are all named 'contoso-api'", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"ImageDefinitions\"", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("── Restore", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_selected_images_stop_a_platform_job_once_naming_the_images_and_the_images_option()
    {
        var root = solutions.Copy(_temp, "slnx");
        Dockerfile(root / "src/Contoso.Api");
        Dockerfile(root / "src/Contoso.Worker");

        var run = Run<PlatformJobsBuild>(root, "PublishPlatform", "--platforms", "linux/amd64", "--registry", "localhost:5000/acme");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("This repository has 2 selected images and this target works on one image per run:\n" +
            "  contoso-api: src/Contoso.Api/Dockerfile, context ., project src/Contoso.Api/Contoso.Api.csproj\n" +
            "  contoso-worker: src/Contoso.Worker/Dockerfile, context ., project src/Contoso.Worker/Contoso.Worker.csproj\n" +
            "Pick one with --images <name>, e.g. --images contoso-api.", run.Output, StringComparison.Ordinal);
        Assert.Single(run.Output.Split('\n'), line => line.Contains("This repository has 2 selected images", StringComparison.Ordinal));
        Assert.DoesNotContain("── Restore", run.Output, StringComparison.Ordinal);
    }
}
