using System.Collections.Concurrent;

namespace Slipway.Common.Tests.Support;

/// <summary>Records which targets ran, in order, for a test build.</summary>
internal static class Journal
{
    private static readonly ConcurrentQueue<string> s_entries = new();

    public static void Add(string entry) => s_entries.Enqueue(entry);

    public static List<string> Take()
    {
        var list = s_entries.ToList();
        s_entries.Clear();
        return list;
    }
}
