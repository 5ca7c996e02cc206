using Slipway.Components.Dotnet;
using Slipway.IO;

namespace Slipway.Components.Tests.Dotnet;

public class TestRunOutcomeTests
{
    private static readonly AbsolutePath s_root = AbsolutePath.Create("/repo");
    private static readonly AbsolutePath s_results = s_root / "artifacts" / "test-results";

    private static TrxFile File(int passed, int failed, int skipped, params string[] failedNames) => new(
        s_results / $"{Guid.NewGuid():N}.trx",
        new TestCounts(passed, failed, skipped),
        [.. failedNames.Select(n => new FailedTest(n, "Failed", "boom", null, null))]);

    [Fact]
    public void Adds_up_the_counts_of_every_test_project()
    {
        var outcome = new TestRunOutcome(1, [File(3, 1, 0, "A.Fails"), File(5, 0, 2)]);

        Assert.Equal(new TestCounts(8, 1, 2), outcome.Counts);
        Assert.Equal("A.Fails", Assert.Single(outcome.Failures).Name);
    }

    [Fact]
    public void Succeeds_when_nothing_failed()
    {
        var outcome = new TestRunOutcome(0, [File(3, 0, 1)]);

        outcome.EnsureSucceeded(s_results, s_root);
    }

    [Fact]
    public void Fails_naming_every_failed_test()
    {
        var outcome = new TestRunOutcome(1, [File(1, 2, 0, "A.One", "A.Two"), File(1, 1, 0, "B.Three")]);

        var ex = Assert.Throws<BuildFailedException>(() => outcome.EnsureSucceeded(s_results, s_root));

        Assert.StartsWith("3 test(s) failed:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\n  A.One\n  A.Two\n  B.Three\n", ex.Message, StringComparison.Ordinal);
        Assert.Contains("artifacts/test-results", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_when_dotnet_test_fails_although_no_result_reports_a_failure()
    {
        var outcome = new TestRunOutcome(1, [File(4, 0, 0)]);

        var ex = Assert.Throws<BuildFailedException>(() => outcome.EnsureSucceeded(s_results, s_root));

        Assert.Contains("exited with code 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("test host crashed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_when_dotnet_test_fails_without_writing_results()
    {
        var ex = Assert.Throws<BuildFailedException>(() => new TestRunOutcome(1, []).EnsureSucceeded(s_results, s_root));

        Assert.Contains("wrote no test results", ex.Message, StringComparison.Ordinal);
    }
}
