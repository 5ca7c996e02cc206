using Slipway.Components.Dockerfiles;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Execution;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>A generated build's component list with AddDockerfile beside Publish.</summary>
public sealed class AddDockerfileBuild : SlipwayBuild, IPublish, IAddDockerfile;

/// <summary>
/// AddDockerfile run by the engine in a solution the dotnet CLI made (a worker referencing a class library), its Dockerfile
/// linted with the solution folder as the context, then built with docker and run as a container.
/// </summary>
public sealed class AddDockerfileTargetTests : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly TemporaryDirectory _temp = new("slipway-add-dockerfile");
    private readonly string _tag = $"slipway-add-dockerfile-test:{Guid.NewGuid():N}"[..48];

    private AbsolutePath Root => _temp.Path;

    [SkippableFact]
    public async Task AddDockerfile_writes_a_dockerfile_that_lints_clean_builds_from_the_solution_folder_and_runs_as_a_non_root_user()
    {
        await SolutionAsync();

        var (code, output) = Run("AddDockerfile", "--project", "src/Contoso.Worker");

        Assert.True(code == 0, output);
        Assert.Contains("Wrote src/Contoso.Worker/Dockerfile: a worker image of Contoso.Worker.dll", output, StringComparison.Ordinal);
        Assert.Contains("Wrote .dockerignore", output, StringComparison.Ordinal);
        Assert.Contains("Next: review and commit src/Contoso.Worker/Dockerfile", output, StringComparison.Ordinal);
        var dockerfile = Root / "src" / "Contoso.Worker" / "Dockerfile";
        var findings = DockerLintRun.Execute(Root, dockerfile, new Dictionary<string, string>(), _ => { },
            platforms: ["linux/amd64", "linux/arm64"], contextDirectory: Root);
        Assert.Empty(findings.Select(f => f.Format("src/Contoso.Worker/Dockerfile")));

        Skip.IfNot(_env.IsAvailable, _env.Reason);
        await _env.Docker.Command("buildx", "build", "--load", "-t", _tag, "-f", dockerfile,
                "--build-arg", $"SDK_IMAGE={_env.SdkImage}", "--build-arg", $"RUNTIME_IMAGE={_env.RuntimeImage}", Root)
            .WithOutputLogging(false).ExecuteAsync();
        var container = (await _env.Docker.Command("run", "-d", _tag).ExecuteAsync()).StandardOutput.Trim();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var state = (await _env.Docker.Command("inspect", "--format", "{{.State.Running}} {{.Config.User}}", container).ExecuteAsync()).StandardOutput.Trim();
            var logs = await _env.Docker.Command("logs", container).ExecuteAsync();
            Assert.True(state == "true 1654", $"{state}\n{logs.StandardOutput}{logs.StandardError}");
            var processes = (await _env.Docker.Command("top", container, "-o", "pid,uid").ExecuteAsync()).StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
            Assert.NotEmpty(processes);
            Assert.All(processes, process => Assert.Equal("1654", process.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
            Assert.Contains("Worker running at", logs.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            await _env.Docker.TryAsync(CancellationToken.None, "rm", "-f", container);
        }
    }

    [Fact]
    public async Task A_second_run_and_a_library_are_refused_before_any_target_runs_and_nothing_is_overwritten()
    {
        await SolutionAsync();
        Assert.Equal(0, Run("AddDockerfile", "--project", "src/Contoso.Worker/Contoso.Worker.csproj").Code);
        var written = (Root / "src" / "Contoso.Worker" / "Dockerfile").ReadAllText();

        var (again, againOutput) = Run("AddDockerfile", "--project", "src/Contoso.Worker");
        var (library, libraryOutput) = Run("AddDockerfile", "--project", "src/Contoso.Shared");
        var (missing, missingOutput) = Run("AddDockerfile");

        Assert.True(again == 2, againOutput);
        Assert.Contains("src/Contoso.Worker/Dockerfile already exists, and AddDockerfile never overwrites a file", againOutput, StringComparison.Ordinal);
        Assert.Equal(written, (Root / "src" / "Contoso.Worker" / "Dockerfile").ReadAllText());
        Assert.True(library == 2, libraryOutput);
        Assert.Contains("Contoso.Shared.csproj is not an executable project", libraryOutput, StringComparison.Ordinal);
        Assert.False((Root / "src" / "Contoso.Shared" / "Dockerfile").FileExists());
        Assert.True(missing == 2, missingOutput);
        Assert.Contains("--project", missingOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_AddDockerfile_and_its_parameter_and_Publish_does_not_depend_on_it()
    {
        var (helpCode, help) = Run("--help");
        var (planCode, plan) = Run("Publish", "--plan");

        Assert.Equal(0, helpCode);
        Assert.Contains("AddDockerfile", help, StringComparison.Ordinal);
        Assert.Contains("--project", help, StringComparison.Ordinal);
        Assert.True(planCode == 0, plan);
        Assert.Contains("Publish", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("AddDockerfile", plan, StringComparison.Ordinal);
    }

    /// <summary>A solution as the dotnet CLI makes it: a worker that references a class library, both in the solution.</summary>
    private async Task SolutionAsync()
    {
        await Dotnet("new", "sln", "-n", "Contoso");
        await Dotnet("new", "worker", "-o", "src/Contoso.Worker", "--no-restore");
        await Dotnet("new", "classlib", "-o", "src/Contoso.Shared", "--no-restore");
        await Dotnet("add", "src/Contoso.Worker/Contoso.Worker.csproj", "reference", "src/Contoso.Shared/Contoso.Shared.csproj");
        var solution = Directory.EnumerateFiles(Root, "Contoso.sln*").Single();
        await Dotnet("sln", solution, "add", "src/Contoso.Worker/Contoso.Worker.csproj", "src/Contoso.Shared/Contoso.Shared.csproj");
    }

    private Task Dotnet(params string[] arguments) =>
        Tool.Of("dotnet").WithArguments(arguments).WithWorkingDirectory(Root)
            .WithEnvironment("DOTNET_NOLOGO", "1").WithEnvironment("DOTNET_CLI_TELEMETRY_OPTOUT", "1").WithOutputLogging(false).ExecuteAsync();

    private (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var code = Engine.Run<AddDockerfileBuild>(new EngineOptions(args) { RootDirectory = Root, Environment = new Dictionary<string, string>(), Output = writer }, []);
        return (code, writer.ToString());
    }

    public void Dispose()
    {
        if (_env.IsAvailable) _env.Docker.TryAsync(CancellationToken.None, "rmi", "-f", _tag).GetAwaiter().GetResult();
        _temp.Dispose();
    }
}
