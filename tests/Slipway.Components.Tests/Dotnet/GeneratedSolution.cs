using System.Xml.Linq;
using Slipway.Components.Dotnet;
using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Components.Tests.Dotnet;

/// <summary>
/// A tiny solution generated in a temp directory and built once: <c>A.Tests</c> (one passing, one failing, one
/// skipped test) and <c>B.Tests</c> (two passing), on this repository's xunit versions (already in the NuGet cache).
/// </summary>
public sealed class GeneratedSolution : IDisposable
{
    private readonly TemporaryDirectory _temp = new("slipway-dotnet");

    public GeneratedSolution()
    {
        // Empty props files stop MSBuild from picking up anything above the temp directory.
        (Root / "Directory.Build.props").WriteAllText("<Project />\n");
        (Root / "Directory.Packages.props").WriteAllText("<Project />\n");
        WriteProject("A.Tests", """
            [Xunit.Fact] public void Passes() { }
            [Xunit.Fact(Skip = "not today")] public void Skipped() { }
            [Xunit.Fact] public void Fails() => Xunit.Assert.Equal(1, 2);
            """);
        WriteProject("B.Tests", """
            [Xunit.Fact] public void Passes() { }
            [Xunit.Fact] public void AlsoPasses() { }
            """);
        (Root / "Gen.slnx").WriteAllText("""
            <Solution>
              <Project Path="A.Tests/A.Tests.csproj" />
              <Project Path="B.Tests/B.Tests.csproj" />
            </Solution>
            """);
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
