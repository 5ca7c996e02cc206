using System.Xml.Linq;
using Slipway.IO;

/// <summary>Passed, failed and skipped counts summed over the TRX files of a test run.</summary>
sealed record TestCounts(int Passed, int Failed, int Skipped)
{
    public static TestCounts Read(AbsolutePath directory)
    {
        int passed = 0, failed = 0, skipped = 0;
        if (directory.DirectoryExists())
        {
            foreach (var file in Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories))
            {
                var counters = XDocument.Load(file).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
                if (counters is null) continue;
                int Get(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
                passed += Get("passed");
                failed += Get("failed") + Get("error") + Get("timeout") + Get("aborted");
                skipped += Get("notExecuted");
            }
        }
        return new TestCounts(passed, failed, skipped);
    }

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
