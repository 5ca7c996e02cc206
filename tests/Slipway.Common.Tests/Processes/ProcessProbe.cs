namespace Slipway.Common.Tests.Processes;

/// <summary>Helpers for running real processes: a POSIX shell is required, and processes can be checked for being gone.</summary>
internal static class ProcessProbe
{
    public static void RequirePosixShell() =>
        Skip.If(OperatingSystem.IsWindows(), "these tests start bash, cat and sleep");

    /// <summary>True when the process no longer exists (or is only a zombie waiting to be reaped), polling up to five seconds.</summary>
    public static bool IsGone(int pid)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var status = $"/proc/{pid}/status";
            if (!File.Exists(status)) return true;
            try
            {
                if (File.ReadLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal))) return true;
            }
            catch (IOException)
            {
                return true;
            }
            Thread.Sleep(100);
        }
        return false;
    }
}
