namespace Slipway.Components.Tests.Dotnet;

/// <summary>A generated solution of one test project: one passing test and one deliberately skipped, none failing.</summary>
public sealed class SkippedTestSolution : IDisposable
{
    public GeneratedSolution Generated { get; } = new(("C.Tests", """
        [Xunit.Fact] public void Passes() { }
        [Xunit.Fact(Skip = "deliberately skipped")] public void Skipped() { }
        """));

    public void Dispose() => Generated.Dispose();
}
