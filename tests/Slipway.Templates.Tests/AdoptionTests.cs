using System.Text.Json;
using Slipway.IO;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// <c>dotnet new slipway-build</c> in a repository a team already has (issue 24, adoption): it only adds files, says
/// what it added and left alone, and the build it adds restores, compiles and tests the team's solution as it is.
/// </summary>
public sealed class AdoptionTests
{
    private static readonly string[] BuildFiles =
    [
        "build/Build.cs", "build/_build.csproj", "build/Directory.Build.props", "build/Directory.Build.targets",
        "build/Directory.Packages.props", ".nuke/parameters.json", ".nuke/build.schema.json", "build.sh", "build.ps1",
        "GitVersion.yml",
    ];

    [Fact]
    public void In_a_sln_repository_with_its_own_global_json_and_dockerignore_it_writes_nothing_until_told_to_keep_them_then_only_adds_files_that_compile_and_test()
    {
        var pack = TemplatePack.Shared;
        var repository = ExistingRepository.Create(pack.Workspace / "contoso-sln", centralPackages: false);
        File.WriteAllText(repository / "global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        File.WriteAllText(repository / ".dockerignore", "**/bin\n**/obj\n");
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "The team's SDK pin and .dockerignore");

        var refused = Commands.Run("dotnet", ["new", "slipway-build", "--debug:custom-hive", pack.Hive], repository);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("global.json", Commands.Text(refused), StringComparison.Ordinal);
        Assert.Empty(ExistingRepository.Status(repository));

        var output = pack.New(repository, "slipway-build", "--ci", "both", "--global-json", "false", "--dockerignore", "false");

        var added = ExistingRepository.Status(repository);
        Assert.All(added, line => Assert.StartsWith("?? ", line, StringComparison.Ordinal));
        var paths = added.Select(line => line[3..]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>([.. BuildFiles, ".github/workflows/publish.yml", ".gitlab-ci.yml", "renovate.json"], StringComparer.Ordinal), paths);
        Assert.DoesNotContain("global.json", paths);
        Assert.DoesNotContain(".dockerignore", paths);
        Assert.Contains("Left alone: your global.json", output, StringComparison.Ordinal);
        Assert.Contains("Left alone: your .dockerignore", output, StringComparison.Ordinal);
        Assert.Contains("Added build/, .nuke/, build.sh and build.ps1.", output, StringComparison.Ordinal);
        // The team's settings stay the product's: the build project compiles whatever they say.
        Assert.Equal("https://contoso.example/", Property(repository, "src/Contoso.Api/Contoso.Api.csproj", "PackageProjectUrl"));
        Assert.Equal("", Property(repository, "build/_build.csproj", "PackageProjectUrl"));

        CompileAndTest(repository);
    }

    [Fact]
    // The build it adds restores, compiles and tests such a repository (.slnx, central package management): MultiImageTests
    // publishes one, tests included (TwoImageRepository.WithSlnxAndCentralPackages), so this test stops at the files.
    public void In_a_slnx_repository_with_central_package_management_it_only_adds_files_and_keeps_central_packages_for_the_teams_projects()
    {
        var pack = TemplatePack.Shared;
        var repository = ExistingRepository.Create(pack.Workspace / "contoso-slnx", centralPackages: true);

        var output = pack.New(repository, "slipway-build", "--ci", "github");

        var added = ExistingRepository.Status(repository);
        Assert.All(added, line => Assert.StartsWith("?? ", line, StringComparison.Ordinal));
        var paths = added.Select(line => line[3..]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>([.. BuildFiles, "global.json", ".dockerignore", ".github/workflows/publish.yml", ".github/dependabot.yml"], StringComparer.Ordinal), paths);
        Assert.DoesNotContain(".gitlab-ci.yml", paths);
        Assert.Contains("Added global.json.", output, StringComparison.Ordinal);
        // Central package management stays on for the team's projects, off for the build's one pinned package.
        Assert.Equal("true", Property(repository, "src/Contoso.Api.Tests/Contoso.Api.Tests.csproj", "ManagePackageVersionsCentrally"));
        Assert.Equal("false", Property(repository, "build/_build.csproj", "ManagePackageVersionsCentrally"));
    }

    [Fact]
    public void Without_a_solution_or_with_two_the_added_build_stops_naming_the_fix_and_either_fix_works()
    {
        var pack = TemplatePack.Shared;
        var repository = pack.Workspace / "no-solution";
        Directory.CreateDirectory(repository);
        Commands.Git(repository, "init", "--quiet", "--initial-branch", "main");

        pack.New(repository, "slipway-build", "--ci", "none");
        var none = Commands.Run(repository / "build.sh", ["Compile"], repository, pack.BuildEnvironment());

        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains("There is no solution (*.sln or *.slnx)", Commands.Text(none), StringComparison.Ordinal);
        Assert.Contains("--solution <path>", Commands.Text(none), StringComparison.Ordinal);

        Commands.Check("dotnet", ["new", "classlib", "-n", "One", "-o", "src/One"], repository);
        Commands.Check("dotnet", ["new", "sln", "-n", "One", "--format", "slnx"], repository);
        Commands.Check("dotnet", ["sln", "One.slnx", "add", "src/One"], repository);
        Commands.Check("dotnet", ["new", "sln", "-n", "Two", "--format", "sln"], repository);
        var two = Commands.Run(repository / "build.sh", ["Compile"], repository, pack.BuildEnvironment());

        Assert.NotEqual(0, two.ExitCode);
        Assert.Contains("There are 2 solutions", Commands.Text(two), StringComparison.Ordinal);
        Assert.Contains("One.slnx, Two.sln", Commands.Text(two), StringComparison.Ordinal);

        // The fixes the message names: the option on the command line, or the template writing it into .nuke/parameters.json.
        Expect.Succeeded(Commands.Run(repository / "build.sh", ["Compile", "--solution", "One.slnx"], repository, pack.BuildEnvironment()));
        var named = pack.Workspace / "named-solution";
        Directory.CreateDirectory(named);
        pack.New(named, "slipway-build", "--ci", "none", "--solution", "One.slnx");
        using var parameters = JsonDocument.Parse(File.ReadAllText(named / ".nuke" / "parameters.json"));
        Assert.Equal("One.slnx", parameters.RootElement.GetProperty("Solution").GetString());
    }

    private void CompileAndTest(AbsolutePath repository)
    {
        var before = ExistingRepository.Status(repository);
        var run = Commands.Run(repository / "build.sh", ["Compile", "Test"], repository, TemplatePack.Shared.BuildEnvironment());

        Expect.Succeeded(run);
        var results = Directory.GetFiles(repository / "artifacts" / "test-results", "*.trx");
        Assert.Contains(results, trx => File.ReadAllText(trx).Contains("Contoso.Api.Tests", StringComparison.Ordinal));
        // The run changes no file of the team's either: only its outputs are new (artifacts/, ignored build output).
        Assert.Equal(before, ExistingRepository.Status(repository).Where(line => !line.StartsWith("?? artifacts/", StringComparison.Ordinal)));
    }

    private static string Property(AbsolutePath repository, string project, string name) =>
        Commands.Check("dotnet", ["msbuild", project, $"-getProperty:{name}"], repository);
}
