using Slipway.Components.Dotnet;
using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Components.Tests.Dotnet;

/// <summary>The Test target on a solution whose only test that does not pass is skipped on purpose.</summary>
public sealed class TestTargetSkipTests(SkippedTestSolution fixture) : IClassFixture<SkippedTestSolution>
{
    private readonly GeneratedSolution _solution = fixture.Generated;

    [Fact]
    public void A_skipped_xunit_test_counts_as_skipped_in_the_log_the_summary_and_the_trx_and_does_not_fail_the_run()
    {
        var writer = new StringWriter();

        var code = Engine.Run<DotnetBuild>(
            new EngineOptions(["Test"]) { RootDirectory = _solution.Root, Environment = new Dictionary<string, string>(), Output = writer }, []);

        var output = writer.ToString();
        Assert.True(code == 0, output);
        Assert.Matches(@"(?m)^INF Tests: 1 passed, 0 failed, 1 skipped\r?$", output);
        Assert.Matches(@"(?m)^Test\s+Succeeded\s+\S+\s+1 passed, 0 failed, 1 skipped\r?$", output);
        var trx = Assert.Single(Directory.GetFiles(_solution.Root / "artifacts" / "test-results", "*.trx"));
        Assert.Equal(new TestCounts(Passed: 1, Failed: 0, Skipped: 1), TrxFile.Read(AbsolutePath.Create(trx)).Counts);
    }
}
