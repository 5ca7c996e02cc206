using Slipway.IO;

namespace Slipway.Execution;

/// <summary>How the engine is started: arguments, and (for tests) the root, environment and output to use instead of the process's.</summary>
internal sealed record EngineOptions(string[] Arguments)
{
    public AbsolutePath? RootDirectory { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public TextWriter? Output { get; init; }

    /// <summary>Cancels the run (as Ctrl-C does a build started from <c>Main</c>).</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Exit codes of a build run.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int TargetFailed = 1;
    public const int Usage = 2;
    public const int Cancelled = 130;
}
