using Slipway.Execution;
using Slipway.IO;

namespace Slipway.Common.Tests.Support;

/// <summary>Runs a build class in-process in a temporary repository and captures what it prints.</summary>
internal sealed class BuildHarness : IDisposable
{
    public BuildHarness()
    {
        Root = AbsolutePath.Create(Path.Combine(Path.GetTempPath(), "slipway-test-" + Guid.NewGuid().ToString("N")[..8]));
        (Root / ".nuke").CreateDirectory();
    }

    public AbsolutePath Root { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string Output { get; private set; } = "";

    /// <summary>Cancels the run, as Ctrl-C does a build started from <c>Main</c>.</summary>
    public CancellationToken Cancellation { get; set; }

    public int Run<TBuild>(params string[] args) where TBuild : SlipwayBuild, new() =>
        RunWithDefaults<TBuild>(args, []);

    public int RunWithDefaults<TBuild>(string[] args, Func<TBuild, Target>[] defaults) where TBuild : SlipwayBuild, new()
    {
        var writer = new StringWriter();
        Journal.Begin();
        var code = Engine.Run(new EngineOptions(args) { RootDirectory = Root, Environment = Environment, Output = writer, Cancellation = Cancellation }, defaults);
        Output = writer.ToString();
        return code;
    }

    public void Dispose()
    {
        try
        {
            Root.DeleteDirectory();
        }
        catch (IOException)
        {
        }
    }
}
