using Slipway.Components.Sbom;
using Slipway.IO;

namespace Slipway.Components.Tests.Sbom;

public class CycloneDxCommandTests
{
    private static readonly AbsolutePath Root = AbsolutePath.Create("/repo");

    [Fact]
    public void Runs_offline_on_the_restored_project_writing_cyclonedx_1_6_json_without_dev_packages()
    {
        var tool = CycloneDxTool.ToolDirectory(Root / ".nuke" / "temp");
        var command = CycloneDxTool.Command(CycloneDxTool.Executable(tool), Root / "src/Acme.Orders/Acme.Orders.csproj",
            Root / ".nuke/temp/sbom/nuget.cdx.json", Root);

        Assert.Equal("/repo/.nuke/temp/tools/cyclonedx-6.3.1/dotnet-CycloneDX", command.Executable);
        Assert.Equal(
            "/repo/src/Acme.Orders/Acme.Orders.csproj --output /repo/.nuke/temp/sbom --filename nuget.cdx.json --output-format Json " +
            "--spec-version 1.6 --exclude-dev --disable-package-restore --no-serial-number",
            string.Join(' ', command.Arguments));
        Assert.DoesNotContain(command.Arguments, a => a.Contains("github", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("/repo", command.WorkingDirectory);
    }

    [Fact]
    public void A_directory_without_the_pinned_version_is_not_an_installation()
    {
        using var temp = new Infrastructure.TemporaryDirectory("slipway-cyclonedx");
        var tool = CycloneDxTool.ToolDirectory(temp.Path);
        CycloneDxTool.Executable(tool).WriteAllText("#!/bin/sh\n");

        Assert.False(CycloneDxTool.IsInstalled(tool)); // the executable alone, without .store/cyclonedx/6.3.1
        (tool / ".store" / "cyclonedx" / "6.3.1").CreateDirectory();
        Assert.True(CycloneDxTool.IsInstalled(tool));
    }

    [Fact]
    public void The_assets_file_the_tool_reads_is_the_project_obj_folder()
    {
        Assert.Equal(Root / "src/Acme.Orders/obj/project.assets.json", SbomProducer.AssetsFile(Root / "src/Acme.Orders/Acme.Orders.csproj"));
    }
}
