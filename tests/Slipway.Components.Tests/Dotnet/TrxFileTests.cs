using Slipway.Components.Dotnet;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Dotnet;

public class TrxFileTests
{
    [Fact]
    public void Reads_counts_from_an_xunit_trx_where_a_skipped_test_is_counted_but_not_executed()
    {
        // Written by `dotnet test --logger trx` for one passed, one failed and one skipped xunit test.
        var trx = TrxFile.Read(RepositoryPaths.Fixture("Dotnet", "xunit-one-failed-one-skipped.trx"));

        Assert.Equal(new TestCounts(Passed: 1, Failed: 1, Skipped: 1), trx.Counts);
    }

    [Fact]
    public void Reads_the_failed_test_with_its_message_and_source_location()
    {
        var trx = TrxFile.Read(RepositoryPaths.Fixture("Dotnet", "xunit-one-failed-one-skipped.trx"));

        var failure = Assert.Single(trx.Failures);
        Assert.Equal("A.Tests.T.Fails", failure.Name);
        Assert.Equal("Failed", failure.Outcome);
        Assert.StartsWith("Assert.Equal() Failure", failure.Message, StringComparison.Ordinal);
        Assert.Equal("/tmp/trxexp/A.Tests/T.cs", failure.SourceFile);
        Assert.Equal(6, failure.SourceLine);
    }

    [Fact]
    public void Counts_errors_timeouts_and_aborts_as_failures_and_not_executed_tests_as_skipped()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Path / "run.trx";
        file.WriteAllText(Trx("""
            <ResultSummary outcome="Failed">
              <Counters total="10" executed="8" passed="4" failed="1" error="1" timeout="1" aborted="1" notExecuted="2" />
            </ResultSummary>
            """));

        Assert.Equal(new TestCounts(Passed: 4, Failed: 4, Skipped: 2), TrxFile.Read(file).Counts);
    }

    [Fact]
    public void Counts_not_executed_and_inconclusive_tests_as_skipped_and_timeouts_as_failures()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Path / "run.trx";
        file.WriteAllText(Trx("""
            <ResultSummary outcome="Failed">
              <Counters total="7" executed="5" passed="3" failed="0" error="0" timeout="1" aborted="0" inconclusive="1" notExecuted="2" />
            </ResultSummary>
            """));

        Assert.Equal(new TestCounts(Passed: 3, Failed: 1, Skipped: 3), TrxFile.Read(file).Counts);
    }

    [Fact]
    public void Counts_a_test_in_the_total_that_neither_passed_nor_failed_as_skipped_when_not_executed_is_left_at_zero()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Path / "run.trx";
        file.WriteAllText(Trx("""
            <ResultSummary outcome="Completed">
              <Counters total="4" executed="3" passed="2" failed="0" inconclusive="1" notExecuted="0" />
            </ResultSummary>
            """));

        Assert.Equal(new TestCounts(Passed: 2, Failed: 0, Skipped: 2), TrxFile.Read(file).Counts);
    }

    [Fact]
    public void Counts_not_executed_inconclusive_and_timed_out_results_when_the_summary_is_missing()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Path / "cut-short.trx";
        file.WriteAllText(Trx("""
            <Results>
              <UnitTestResult testName="A.Passes" outcome="Passed" />
              <UnitTestResult testName="A.Skipped" outcome="NotExecuted" />
              <UnitTestResult testName="A.Unsure" outcome="Inconclusive" />
              <UnitTestResult testName="A.Slow" outcome="Timeout" />
            </Results>
            """));

        var trx = TrxFile.Read(file);

        Assert.Equal(new TestCounts(Passed: 1, Failed: 1, Skipped: 2), trx.Counts);
        Assert.Equal(("A.Slow", "Timeout"), (Assert.Single(trx.Failures).Name, trx.Failures[0].Outcome));
    }

    [Fact]
    public void Counts_individual_results_when_the_summary_is_missing()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Path / "cut-short.trx";
        file.WriteAllText(Trx("""
            <Results>
              <UnitTestResult testName="A.One" outcome="Passed" />
              <UnitTestResult testName="A.Two" outcome="Passed" />
              <UnitTestResult testName="A.Three" outcome="NotExecuted" />
              <UnitTestResult testName="A.Four" outcome="Error">
                <Output><ErrorInfo><Message>host crashed</Message></ErrorInfo></Output>
              </UnitTestResult>
            </Results>
            """));

        var trx = TrxFile.Read(file);

        Assert.Equal(new TestCounts(Passed: 2, Failed: 1, Skipped: 1), trx.Counts);
        var failure = Assert.Single(trx.Failures);
        Assert.Equal(("A.Four", "Error", "host crashed"), (failure.Name, failure.Outcome, failure.Message));
        Assert.Null(failure.SourceFile);
    }

    [Fact]
    public void Rejects_a_truncated_file_naming_it()
    {
        using var temp = new TemporaryDirectory();
        var file = temp.Path / "broken.trx";
        file.WriteAllText("<TestRun><Results>");

        var ex = Assert.Throws<BuildFailedException>(() => TrxFile.Read(file));

        Assert.Contains("broken.trx", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid XML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_counts_as_the_summary_note()
    {
        Assert.Equal("12 passed, 0 failed, 1 skipped", new TestCounts(12, 0, 1).ToString());
        Assert.Equal(new TestCounts(3, 1, 2), new TestCounts(1, 1, 0) + new TestCounts(2, 0, 2));
    }

    private static string Trx(string body) =>
        $"""<?xml version="1.0" encoding="utf-8"?><TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">{body}</TestRun>""";
}
