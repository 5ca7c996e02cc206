using System.Text.Json;
using Slipway.Components.Sbom;
using Slipway.IO;

namespace Slipway.Components.Tests.Sbom;

/// <summary>The real CycloneDX tool, installed on demand, run on a restored copy of tests/infra/sample-service.</summary>
[Collection(SbomToolCollection.Name)]
public sealed class CycloneDxToolTests(SbomToolFixture fixture)
{
    [Fact]
    public async Task Lists_every_package_of_the_restored_project_transitive_ones_included_each_with_version_and_purl()
    {
        var executable = await fixture.ToolAsync();
        var service = await fixture.ServiceAsync();
        var project = service / "SampleService.csproj";
        var output = fixture.NewDirectory("tool-run") / "nuget.cdx.json";

        var (json, _) = await CycloneDxTool.RunAsync(CycloneDxTool.Command(executable, project, output, service), project, output, service);

        using var bom = JsonDocument.Parse(json);
        Assert.Equal("CycloneDX", bom.RootElement.GetProperty("bomFormat").GetString());
        Assert.Equal("1.6", bom.RootElement.GetProperty("specVersion").GetString());
        var listed = bom.RootElement.GetProperty("components").EnumerateArray()
            .Select(c => (Name: c.GetProperty("name").GetString()!, Version: c.GetProperty("version").GetString()!, Purl: c.GetProperty("purl").GetString()!))
            .ToList();
        foreach (var (name, version, purl) in listed) Assert.Equal($"pkg:nuget/{name}@{version}", purl);
        Assert.Contains(listed, c => c.Purl == $"pkg:nuget/{SbomToolFixture.PackageId}@{SbomToolFixture.PackageVersion}");
        // Every package restore resolved, the transitive ones (Serilog, Serilog.Sinks.Console, …) too.
        Assert.Equal(RestoredPackages(service).Order(), listed.Select(c => $"{c.Name}/{c.Version}").Order());
        Assert.Contains(listed, c => c.Name == "Serilog");
    }

    [Fact]
    public async Task A_second_call_reuses_the_installed_tool()
    {
        await fixture.ToolAsync();

        var (executable, installed) = await CycloneDxTool.EnsureInstalledAsync(fixture.ToolDirectory, fixture.ToolDirectory);

        Assert.False(installed);
        Assert.Equal(CycloneDxTool.Executable(fixture.ToolDirectory), executable);
        Assert.True(fixture.InstallTime is { } time && time < TimeSpan.FromMinutes(5), $"installing took {fixture.InstallTime}");
    }

    [Fact]
    public async Task A_failing_run_names_the_project_and_shows_the_tools_last_lines()
    {
        var executable = await fixture.ToolAsync();
        var root = fixture.NewDirectory("tool-fail");
        var missing = root / "Missing" / "Missing.csproj";
        var output = root / "nuget.cdx.json";

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() =>
            CycloneDxTool.RunAsync(CycloneDxTool.Command(executable, missing, output, root), missing, output, root));

        Assert.Contains("The CycloneDX tool exited with code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("on Missing/Missing.csproj", failure.Message, StringComparison.Ordinal);
        Assert.Contains("last lines of output:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("No file found at path", failure.Message, StringComparison.Ordinal);
    }

    // "Name/Version" of every package in obj/project.assets.json: what restore resolved.
    private static IEnumerable<string> RestoredPackages(AbsolutePath service)
    {
        using var assets = JsonDocument.Parse((service / "obj" / "project.assets.json").ReadAllText());
        return [.. assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package")
            .Select(l => l.Name)];
    }
}
