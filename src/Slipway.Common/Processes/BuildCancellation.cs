namespace Slipway.Processes;

/// <summary>Cancelled on Ctrl-C (or SIGTERM): every running tool's process tree is killed.</summary>
internal static class BuildCancellation
{
    private static readonly CancellationTokenSource s_source = new();
    private static int s_hooked;

    public static CancellationToken Token => s_source.Token;

    public static void HookConsole()
    {
        if (Interlocked.Exchange(ref s_hooked, 1) == 1) return;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // let the engine finish: kill children, print the summary, exit non-zero
            s_source.Cancel();
        };
        System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            s_source.Cancel();
        });
    }
}
