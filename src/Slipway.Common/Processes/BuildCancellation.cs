namespace Slipway.Processes;

/// <summary>
/// The run's cancellation: cancelled on Ctrl-C or SIGTERM, when every running tool's process tree is killed. A component
/// passes <see cref="Token"/> to its own waits and requests, so a cancelled build stops there too.
/// </summary>
public static class BuildCancellation
{
    private static readonly CancellationTokenSource s_source = new();
    private static int s_hooked;

    /// <summary>The token of the run, cancelled on Ctrl-C or SIGTERM.</summary>
    public static CancellationToken Token => s_source.Token;

    internal static void HookConsole()
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
