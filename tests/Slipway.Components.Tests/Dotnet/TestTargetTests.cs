using Slipway.Components.Dotnet;
using Slipway.Execution;

namespace Slipway.Components.Tests.Dotnet;

/// <summary>A build with the three .NET components and nothing else.</summary>
public sealed class DotnetBuild : SlipwayBuild, ITest
{}

/// <summary>Restore → Compile → Test run by the engine on a generated solution.</summary>
public sealed class TestTargetTests(GeneratedSolution solution) : IClassFixture<GeneratedSolution>
{
    [Fact]
    public void Test_restores_compiles_and_tests_the_discovered_solution_and_reports_the_counts()
    {
        var writer = new StringWriter();

        var code = Engine.Run<DotnetBuild>(
            new EngineOptions(["Test", "--configuration", "Release"]) { RootDirectory = solution.Root, Environment = new Dictionary<string, string>(), Output = writer }, []);

        var output = writer.ToString();
        Assert.Equal(1, code);
        var restore = output.IndexOf("dotnet restore", StringComparison.Ordinal);
        var build = output.IndexOf("dotnet build", StringComparison.Ordinal);
        var test = output.IndexOf("dotnet test", StringComparison.Ordinal);
        Assert.True(restore >= 0 && build > restore && test > build, output);
        Assert.Matches(@"(?m)^INF Tests: 3 passed, 1 failed, 1 skipped\r?$", output);
        Assert.Contains("1 test(s) failed:", output, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(solution.Root / "artifacts" / "test-results", "*.trx").Length);
    }

    [Fact]
    public void Test_filter_parameter_runs_only_the_tests_it_selects()
    {
        var writer = new StringWriter();

        var code = Engine.Run<DotnetBuild>(
            new EngineOptions(["Test", "--test-filter", "FullyQualifiedName!~Fails"]) { RootDirectory = solution.Root, Environment = new Dictionary<string, string>(), Output = writer }, []);

        var output = writer.ToString();
        Assert.True(code == 0, output);
        Assert.Contains("--filter FullyQualifiedName!~Fails", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^INF Tests: 3 passed, 0 failed, 1 skipped\r?$", output);
    }

    [Fact]
    public void Restore_fails_clearly_when_the_root_has_several_solutions()
    {
        (solution.Root / "Other.sln").WriteAllText("");
        try
        {
            var writer = new StringWriter();

            var code = Engine.Run<DotnetBuild>(
                new EngineOptions(["Restore"]) { RootDirectory = solution.Root, Environment = new Dictionary<string, string>(), Output = writer }, []);

            Assert.Equal(1, code);
            Assert.Contains("There are 2 solutions", writer.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(solution.Root / "Other.sln");
        }
    }
}
