using System.Xml.Linq;
using Slipway.Components.Dotnet;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Dotnet;

/// <summary>
/// A tiny solution generated in a temp directory and built once, on this repository's xunit versions (already in the
/// NuGet cache). By default <c>A.Tests</c> (one passing, one failing, one skipped test) and <c>B.Tests</c> (two passing).
/// </summary>
public sealed class GeneratedSolution : IDisposable
{
    private readonly TemporaryDirectory _temp = new("slipway-dotnet");

    public GeneratedSolution()
        : this(
            ("A.Tests", """
                [Xunit.Fact] public void Passes() { }
                [Xunit.Fact(Skip = "not today")] public void Skipped() { }
                [Xunit.Fact] public void Fails() => Xunit.Assert.Equal(1, 2);
                """),
            ("B.Tests", """
                [Xunit.Fact] public void Passes() { }
                [Xunit.Fact] public void AlsoPasses() { }
                """))
    {
    }

    /// <summary>A solution <c>Gen.slnx</c> of the given test projects, each a class <c>T</c> with the given members.</summary>
    internal GeneratedSolution(params (string Name, string Tests)[] projects)
    {
        // Empty props files stop MSBuild from picking up anything above the temp directory.
        (Root / "Directory.Build.props").WriteAllText("<Project />\n");
        (Root / "Directory.Packages.props").WriteAllText("<Project />\n");
        foreach (var (name, tests) in projects) WriteProject(name, tests);
        var entries = string.Concat(projects.Select(p => $"  <Project Path=\"{p.Name}/{p.Name}.csproj\" />\n"));
        (Root / "Gen.slnx").WriteAllText($"<Solution>\n{entries}</Solution>\n");
        DotnetCommands.Restore(Solution, Root).Execute();
        DotnetCommands.Build(Solution, "Release", Root).Execute();
    }

    public AbsolutePath Root => _temp.Path;

    public AbsolutePath Solution => Root / "Gen.slnx";

    private void WriteProject(string name, string tests)
    {
        var versions = XDocument.Parse((RepositoryPaths.Root / "Directory.Packages.props").ReadAllText())
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        string Reference(string id) => $"""    <PackageReference Include="{id}" Version="{versions[id]}" />""";
        (Root / name / $"{name}.csproj").WriteAllText($"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>
              <ItemGroup>
            {Reference("Microsoft.NET.Test.Sdk")}
            {Reference("xunit")}
            {Reference("xunit.runner.visualstudio")}
              </ItemGroup>
            </Project>
            """);
        (Root / name / "T.cs").WriteAllText($"namespace {name.Replace(".", "", StringComparison.Ordinal)};\npublic class T\n{{\n{tests}\n}}\n");
    }

    public void Dispose() => _temp.Dispose();
}
