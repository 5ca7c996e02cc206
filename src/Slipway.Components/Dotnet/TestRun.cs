using System.Text;
using Serilog;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Dotnet;

/// <summary>The outcome of <c>dotnet test</c>: its exit code and what the TRX files it wrote say.</summary>
internal sealed record TestRunOutcome(int ExitCode, IReadOnlyList<TrxFile> Files)
{
    public TestCounts Counts => Files.Aggregate(default(TestCounts), (sum, f) => sum + f.Counts);

    public IReadOnlyList<FailedTest> Failures => [.. Files.SelectMany(f => f.Failures)];

    /// <summary>
    /// Throws when a test failed, or when <c>dotnet test</c> failed although no TRX reports a failure
    /// (a crashed test host, a project that did not run).
    /// </summary>
    public void EnsureSucceeded(AbsolutePath resultsDirectory, AbsolutePath root)
    {
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        var where = resultsDirectory.RelativeTo(root);
        if (Counts.Failed > 0)
        {
            var message = new StringBuilder($"{Counts.Failed} test(s) failed:");
            foreach (var failure in Failures.Take(20)) message.Append("\n  ").Append(failure.Name);
            if (Failures.Count > 20) message.Append("\n  …and ").Append(Failures.Count - 20).Append(" more");
            message.Append("\nFix the tests (their messages are above; the TRX files are in ").Append(where).Append(") and run Test again.");
            throw new BuildFailedException(message.ToString());
        }
        if (ExitCode != 0)
        {
            throw new BuildFailedException(
                $"dotnet test exited with code {ExitCode}, but {(Files.Count == 0 ? "wrote no test results" : "no test results report a failed test")}: " +
                "a test project did not run or its test host crashed. Read the output above for the cause, fix it and run Test again.");
        }
    }
}

/// <summary>Runs <c>dotnet test</c> with TRX output into a clean directory and reads the results.</summary>
internal static class TestRun
{
    public static async Task<TestRunOutcome> RunAsync(ToolCommand command, AbsolutePath resultsDirectory, AbsolutePath root)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        resultsDirectory.DeleteDirectory(); // stale TRX files would be counted again
        resultsDirectory.CreateDirectory();

        var result = await command.WithExitCodeValidation(false).ExecuteAsync();
        var files = Directory.EnumerateFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => TrxFile.Read(AbsolutePath.Create(f)))
            .ToList();
        var outcome = new TestRunOutcome(result.ExitCode, files);

        if (files.Count == 0 && result.ExitCode == 0)
            Log.Warning("dotnet test wrote no TRX files: the solution has no test projects, or the TRX logger was removed from the command");
        foreach (var failure in outcome.Failures) LogFailure(failure, root);
        var counts = outcome.Counts;
        Log.Information("Tests: {Passed} passed, {Failed} failed, {Skipped} skipped", counts.Passed, counts.Failed, counts.Skipped);
        return outcome;
    }

    // With a source location, the log line becomes an annotation on the failing line in CI.
    private static void LogFailure(FailedTest failure, AbsolutePath root)
    {
        var text = $"{failure.Name} {failure.Outcome.ToLowerInvariant()}" + (failure.Message is { } m ? $": {m}" : "");
        var logger = Log.Logger;
        if (failure.SourceFile is { } file && failure.SourceLine is { } line)
        {
            var absolute = AbsolutePath.Create(file);
            var path = absolute.ToString().StartsWith(root + "/", StringComparison.Ordinal) ? absolute.RelativeTo(root) : file;
            logger = Slipway.Logging.Annotations.At(logger, path, line);
        }
        logger.Error("{Failure}", text);
    }
}
