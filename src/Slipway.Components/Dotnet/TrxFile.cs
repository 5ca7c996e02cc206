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
/// failed tests. Skipped tests are those counted but not executed (xunit leaves <c>notExecuted</c> at 0 and lowers
/// <c>executed</c> instead); errors, time-outs and aborts count as failures.
/// </summary>
internal sealed partial record TrxFile(AbsolutePath Path, TestCounts Counts, IReadOnlyList<FailedTest> Failures)
{
    private static readonly string[] s_failedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

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
        var failed = N("failed") + N("error") + N("timeout") + N("aborted");
        var skipped = Math.Max(N("notExecuted") + N("notRunnable"), Math.Max(0, N("total") - N("executed")));
        return new TestCounts(N("passed") + N("passedButRunAborted"), failed, skipped);
    }

    // Without a summary (a run cut short), count the individual results instead.
    private static TestCounts CountResults(List<XElement> results)
    {
        int Count(Func<string, bool> outcome) => results.Count(r => outcome((string?)r.Attribute("outcome") ?? ""));
        return new TestCounts(
            Count(o => o.Equals("Passed", StringComparison.OrdinalIgnoreCase)),
            Count(o => s_failedOutcomes.Contains(o, StringComparer.OrdinalIgnoreCase)),
            Count(o => o.Equals("NotExecuted", StringComparison.OrdinalIgnoreCase)));
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
