using Slipway.Components.Dotnet;

namespace Slipway.Components.Tests.Dotnet;

/// <summary>Real <c>dotnet test</c> runs of a generated solution, read back from the TRX files they write.</summary>
public class TestRunTests(GeneratedSolution solution) : IClassFixture<GeneratedSolution>
{
    [Fact]
    public async Task Writes_one_trx_per_test_project_and_fails_naming_the_failed_test()
    {
        var results = solution.Root / "artifacts" / "test-results";

        var outcome = await TestRun.RunAsync(DotnetCommands.Test(solution.Solution, "Release", results, solution.Root), results, solution.Root);

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Equal(2, outcome.Files.Count);
        Assert.All(outcome.Files, f => Assert.StartsWith("Gen_", f.Path.Name, StringComparison.Ordinal));
        Assert.Equal(new TestCounts(Passed: 3, Failed: 1, Skipped: 1), outcome.Counts);
        var failure = Assert.Single(outcome.Failures);
        Assert.Equal("ATests.T.Fails", failure.Name);
        Assert.EndsWith("A.Tests/T.cs", failure.SourceFile, StringComparison.Ordinal);
        var ex = Assert.Throws<BuildFailedException>(() => outcome.EnsureSucceeded(results, solution.Root));
        Assert.Contains("ATests.T.Fails", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passes_when_a_configured_filter_leaves_out_the_failing_test_and_forgets_earlier_results()
    {
        var results = solution.Root / "artifacts" / "filtered-results";
        (results / "stale.trx").WriteAllText("<TestRun />");
        var command = DotnetCommands.Test(solution.Solution, "Release", results, solution.Root)
            .AddArguments("--filter", "FullyQualifiedName!~Fails");

        var outcome = await TestRun.RunAsync(command, results, solution.Root);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(new TestCounts(Passed: 3, Failed: 0, Skipped: 1), outcome.Counts);
        Assert.False((results / "stale.trx").FileExists());
        outcome.EnsureSucceeded(results, solution.Root);
    }
}
