using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Slipway.IO;

namespace Slipway.Components.Dotnet;

/// <summary>A failed test from a TRX file, with the source location its stack trace points at, when it has one.</summary>
internal sealed record FailedTest(string Name, string Outcome, string? Message, string? SourceFile, int? SourceLine);

/// <summary>
/// What one Visual Studio test results (TRX) file says: the counts from <c>ResultSummary/Counters</c> and the
/// failed tests. Errors, time-outs and aborts count as failures. Every other test that did not pass is skipped:
/// not executed (xunit's <c>Skip</c>: outcome <c>NotExecuted</c>, left out of <c>executed</c>; the TRX logger of
/// <c>dotnet test</c> leaves <c>notExecuted</c> at 0, other writers count it there), not runnable, or inconclusive.
/// </summary>
internal sealed partial record TrxFile(AbsolutePath Path, TestCounts Counts, IReadOnlyList<FailedTest> Failures)
{
    private static readonly string[] s_failedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];
    private static readonly string[] s_passedOutcomes = ["Passed", "PassedButRunAborted"];

    public static TrxFile Read(AbsolutePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        XDocument document;
        try
        {
            document = XDocument.Parse(path.ReadAllText());
        }
        catch (XmlException ex)
        {
            throw new BuildFailedException(
                $"The test results file {path} is not valid XML ({ex.Message}); the test run was probably interrupted. Run the tests again.", ex);
        }

        var results = Elements(document.Root, "UnitTestResult").ToList();
        var failures = results
            .Where(r => s_failedOutcomes.Contains((string?)r.Attribute("outcome"), StringComparer.OrdinalIgnoreCase))
            .Select(ToFailedTest)
            .ToList();
        var counters = Elements(document.Root, "Counters").FirstOrDefault();
        var counts = counters is null ? CountResults(results) : FromCounters(counters);
        return new TrxFile(path, counts, failures);
    }

    private static TestCounts FromCounters(XElement c)
    {
        int N(string name) => int.TryParse((string?)c.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var passed = N("passed") + N("passedButRunAborted");
        var failed = N("failed") + N("error") + N("timeout") + N("aborted");
        // Whether or not the writer filled in notExecuted, a test in the total that neither passed nor failed was skipped.
        var skipped = Math.Max(N("notExecuted") + N("notRunnable") + N("inconclusive"), N("total") - passed - failed);
        return new TestCounts(passed, failed, skipped);
    }

    // Without a summary (a run cut short), count the individual results instead, the same way.
    private static TestCounts CountResults(List<XElement> results)
    {
        var outcomes = results.Select(r => (string?)r.Attribute("outcome") ?? "").ToList();
        var passed = outcomes.Count(o => s_passedOutcomes.Contains(o, StringComparer.OrdinalIgnoreCase));
        var failed = outcomes.Count(o => s_failedOutcomes.Contains(o, StringComparer.OrdinalIgnoreCase));
        return new TestCounts(passed, failed, outcomes.Count - passed - failed);
    }

    private static FailedTest ToFailedTest(XElement result)
    {
        var message = Elements(result, "Message").FirstOrDefault()?.Value.Trim();
        var stack = Elements(result, "StackTrace").FirstOrDefault()?.Value;
        var frame = stack is null ? null : StackFrameLocation().Match(stack);
        return new FailedTest(
            (string?)result.Attribute("testName") ?? "(unnamed test)",
            (string?)result.Attribute("outcome") ?? "Failed",
            message,
            frame is { Success: true } ? frame.Groups["file"].Value : null,
            frame is { Success: true } ? int.Parse(frame.Groups["line"].Value, CultureInfo.InvariantCulture) : null);
    }

    // TRX elements live in the TeamTest namespace; match by local name so other writers' files read too.
    private static IEnumerable<XElement> Elements(XElement? parent, string localName) =>
        parent?.Descendants().Where(e => e.Name.LocalName == localName) ?? [];

    // "   at Ns.Class.Method() in /src/File.cs:line 42"
    [GeneratedRegex(@"\sin (?<file>\S.*?):line (?<line>\d+)")]
    private static partial Regex StackFrameLocation();
}
