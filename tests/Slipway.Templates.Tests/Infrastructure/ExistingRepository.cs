using System.Text.RegularExpressions;
using Slipway.IO;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// A repository a team already has, made with the dotnet CLI as a team makes it: a solution with <c>dotnet new webapi</c>,
/// a <c>classlib</c> it references and an xunit test project next to them (tests anywhere, not under tests/), a
/// <c>Directory.Build.props</c> of the team's own, committed to git.
/// </summary>
internal static partial class ExistingRepository
{
    /// <summary>The repository's own settings; the build project must compile without them.</summary>
    public const string DirectoryBuildProps = """
        <Project>
          <PropertyGroup>
            <PackageProjectUrl>https://contoso.example/</PackageProjectUrl>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <!-- The NuGet mirror this runs against may resolve a newer patch of a transitive package than asked for
                 (NU1603, a restore warning); not what these tests are about. -->
            <WarningsNotAsErrors>$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>
          </PropertyGroup>
        </Project>
        """;

    /// <summary>
    /// Creates it under <paramref name="directory"/>: a <c>.sln</c>, or with <paramref name="centralPackages"/> a
    /// <c>.slnx</c> and a <c>Directory.Packages.props</c> holding every version (taken out of the projects). With
    /// <paramref name="worker"/>, a <c>dotnet new worker</c> (src/Contoso.Worker) shares the classlib with the API.
    /// </summary>
    public static AbsolutePath Create(AbsolutePath directory, bool centralPackages, bool worker = false)
    {
        Directory.CreateDirectory(directory);
        Commands.Git(directory, "init", "--quiet", "--initial-branch", "main");
        Commands.Check("dotnet", ["new", "sln", "-n", "Contoso", "--format", centralPackages ? "slnx" : "sln"], directory);
        Commands.Check("dotnet", ["new", "webapi", "-n", "Contoso.Api", "-o", "src/Contoso.Api"], directory);
        Commands.Check("dotnet", ["new", "classlib", "-n", "Contoso.Shared", "-o", "src/Contoso.Shared"], directory);
        Commands.Check("dotnet", ["new", "xunit", "-n", "Contoso.Api.Tests", "-o", "src/Contoso.Api.Tests"], directory);
        Commands.Check("dotnet", ["add", "src/Contoso.Api", "reference", "src/Contoso.Shared"], directory);
        Commands.Check("dotnet", ["add", "src/Contoso.Api.Tests", "reference", "src/Contoso.Shared"], directory);
        Commands.Check("dotnet", ["sln", "add", "src/Contoso.Api", "src/Contoso.Shared", "src/Contoso.Api.Tests"], directory);
        if (worker)
        {
            Commands.Check("dotnet", ["new", "worker", "-n", "Contoso.Worker", "-o", "src/Contoso.Worker"], directory);
            Commands.Check("dotnet", ["add", "src/Contoso.Worker", "reference", "src/Contoso.Shared"], directory);
            Commands.Check("dotnet", ["sln", "add", "src/Contoso.Worker"], directory);
        }
        File.WriteAllText(directory / "Directory.Build.props", DirectoryBuildProps);
        if (centralPackages) MoveVersionsToDirectoryPackagesProps(directory);
        File.WriteAllText(directory / ".gitignore", "bin/\nobj/\n");
        Commands.Git(directory, "add", "--all");
        Commands.Git(directory, "commit", "--quiet", "--message", "Contoso as the team has it");
        return directory;
    }

    /// <summary>Every file git shows as changed or new (<c>git status --porcelain</c>, untracked files one by one).</summary>
    public static IReadOnlyList<string> Status(AbsolutePath repository) =>
        [.. Commands.Git(repository, "status", "--porcelain", "--untracked-files=all").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    // Central package management as a team sets it up: the versions leave the project files for one props file.
    private static void MoveVersionsToDirectoryPackagesProps(AbsolutePath directory)
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in Directory.GetFiles(directory / "src", "*.csproj", SearchOption.AllDirectories))
        {
            var text = PackageReference().Replace(File.ReadAllText(project), match =>
            {
                versions[match.Groups["id"].Value] = match.Groups["version"].Value;
                return $"<PackageReference Include=\"{match.Groups["id"].Value}\"";
            });
            File.WriteAllText(project, text);
        }
        Assert.NotEmpty(versions);
        File.WriteAllText(directory / "Directory.Packages.props", $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
            {string.Join('\n', versions.Select(v => $"    <PackageVersion Include=\"{v.Key}\" Version=\"{v.Value}\" />"))}
              </ItemGroup>
            </Project>
            """);
    }

    [GeneratedRegex(@"<PackageReference Include=""(?<id>[^""]+)"" Version=""(?<version>[^""]+)""")]
    private static partial Regex PackageReference();
}
