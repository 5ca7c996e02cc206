using Serilog;

namespace Slipway.Execution;

/// <summary>
/// The files a local run regenerates from the build class (the parameter schema, the CI files), written on the thread
/// pool while the run goes on, off the targets' path. <see cref="Report"/> waits for them and logs what was written (once);
/// a file that could not be written is a warning, not a failed run.
/// </summary>
internal sealed class GeneratedFiles
{
    private readonly Task<IReadOnlyList<string>>? _writing;
    private int _reported;

    private GeneratedFiles(Task<IReadOnlyList<string>>? writing) => _writing = writing;

    /// <summary>Nothing to write (a CI server checks its files instead).</summary>
    public static GeneratedFiles None { get; } = new(null);

    /// <summary>Starts <paramref name="write"/>, which returns a log line for each file it wrote.</summary>
    public static GeneratedFiles Start(Func<IReadOnlyList<string>> write) => new(Task.Run(write));

    /// <summary>Waits for the files and logs what was written; later calls do nothing.</summary>
    public void Report()
    {
        if (_writing is null || Interlocked.Exchange(ref _reported, 1) == 1) return;
        try
        {
            foreach (var line in _writing.GetAwaiter().GetResult()) Log.Information("{Generated}", line);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Warning("The build's schema or CI files could not be written: {Message}", ex.Message);
        }
    }
}
