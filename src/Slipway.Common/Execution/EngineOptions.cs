using Slipway.IO;

namespace Slipway.Execution;

/// <summary>How the engine is started: arguments, and (for tests) the root, environment and output to use instead of the process's.</summary>
internal sealed record EngineOptions(string[] Arguments)
{
    public AbsolutePath? RootDirectory { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public TextWriter? Output { get; init; }
    public bool? OutputRedirected { get; init; }
}
