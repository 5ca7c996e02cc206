using Slipway.Components.Dotnet;
using Slipway.IO;

namespace Slipway.Components.Tests.Dotnet;

public class DotnetCommandsTests
{
    private static readonly AbsolutePath s_root = AbsolutePath.Create("/repo");
    private static readonly AbsolutePath s_solution = s_root / "Acme.Orders.slnx";

    [Fact]
    public void Restore_restores_the_solution_in_the_root()
    {
        var command = DotnetCommands.Restore(s_solution, s_root);

        Assert.Equal("dotnet", command.Executable);
        Assert.Equal<string>(["restore", "/repo/Acme.Orders.slnx"], command.Arguments);
        Assert.Equal("/repo", command.WorkingDirectory);
    }

    [Fact]
    public void Build_uses_the_configuration_and_does_not_restore_again()
    {
        var command = DotnetCommands.Build(s_solution, "Debug", s_root);

        Assert.Equal<string>(["build", "/repo/Acme.Orders.slnx", "--configuration", "Debug", "--no-restore"], command.Arguments);
    }

    [Fact]
    public void Test_does_not_build_again_and_writes_a_trx_file_per_project_into_the_results_directory()
    {
        var command = DotnetCommands.Test(s_solution, "Release", s_root / "artifacts" / "test-results", s_root);

        Assert.Equal<string>(
            ["test", "/repo/Acme.Orders.slnx", "--configuration", "Release", "--no-build",
             "--results-directory", "/repo/artifacts/test-results", "--logger", "trx;LogFilePrefix=Acme.Orders"],
            command.Arguments);
    }

    [Fact]
    public void Test_passes_a_filter_to_dotnet_test_and_leaves_it_out_when_there_is_none()
    {
        var results = s_root / "artifacts" / "test-results";

        var filtered = DotnetCommands.Test(s_solution, "Release", results, s_root, "FullyQualifiedName~Orders");
        var unfiltered = DotnetCommands.Test(s_solution, "Release", results, s_root, null);

        Assert.Equal<string>(["--filter", "FullyQualifiedName~Orders"], filtered.Arguments.TakeLast(2));
        Assert.DoesNotContain("--filter", unfiltered.Arguments);
    }

    [Fact]
    public void Commands_turn_off_the_banner_and_telemetry()
    {
        var command = DotnetCommands.Restore(s_solution, s_root);

        Assert.Equal("1", command.Environment["DOTNET_NOLOGO"]);
        Assert.Equal("1", command.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"]);
    }
}
