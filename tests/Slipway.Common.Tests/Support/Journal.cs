using System.Collections.Concurrent;

namespace Slipway.Common.Tests.Support;

/// <summary>
/// Records which targets ran, in order, for a test build. Each test has its own journal: it lives on the test's async
/// flow (started by <see cref="Take"/> or <see cref="BuildHarness"/>'s run), which the targets of its builds inherit, so
/// tests running in parallel never see each other's entries.
/// </summary>
internal static class Journal
{
    private static readonly AsyncLocal<ConcurrentQueue<string>?> s_entries = new();

    /// <summary>Gives the calling flow a journal when it has none (called from synchronous code, it stays for the caller's flow).</summary>
    public static void Begin() => s_entries.Value ??= new();

    public static void Add(string entry) =>
        (s_entries.Value ?? throw new InvalidOperationException("No journal on this flow: run the build through BuildHarness, or call Journal.Take() first."))
        .Enqueue(entry);

    public static List<string> Take()
    {
        Begin();
        var entries = s_entries.Value!;
        var list = new List<string>();
        while (entries.TryDequeue(out var entry)) list.Add(entry);
        return list;
    }
}
