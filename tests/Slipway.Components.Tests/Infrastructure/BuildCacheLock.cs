namespace Slipway.Components.Tests.Infrastructure;

/// <summary>
/// The test projects run side by side, on one Docker engine. A test that asserts its second image build reused the
/// engine's build cache holds this lock shared across its builds; the template test that prunes that cache (a fresh CI
/// runner's empty builder) holds it exclusive while it prunes. So a prune never lands between another test's two builds,
/// in this process or another. It is a lock file (flock) in the temp directory, one per Docker engine.
/// </summary>
internal sealed class BuildCacheLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);

    private readonly FileStream _file;

    private BuildCacheLock(FileShare share)
    {
        var engine = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "default";
        var path = Path.Combine(Path.GetTempPath(), $"slipway-build-cache-{(uint)StableHash(engine):x8}.lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // On Unix, .NET takes flock(LOCK_EX) for FileShare.None and flock(LOCK_SH) otherwise, without waiting.
                _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
                return;
            }
            catch (IOException) when (waited.Elapsed < Patience)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(250));
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"The engine's build cache lock {path} was held for {Patience.TotalMinutes} minutes; " +
                    "is a test process hanging? End it, or delete the lock file.", ex);
            }
        }
    }

    /// <summary>Held by a test whose builds rely on the engine's build cache staying put.</summary>
    public static BuildCacheLock Shared() => new(FileShare.ReadWrite);

    /// <summary>Held by a test that prunes the engine's build cache.</summary>
    public static BuildCacheLock Exclusive() => new(FileShare.None);

    public void Dispose() => _file.Dispose();

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash;
    }
}
