using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Dotnet;

/// <summary><c>dotnet test</c> of the solution, after Compile, with TRX results and counts in the build summary.</summary>
public interface ITest : ICompile
{
    /// <summary><c>artifacts/test-results/</c>: one TRX file per test project, emptied before each run.</summary>
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    /// <summary>Runs only the tests this filter expression selects (<c>dotnet test --filter</c>); all of them when not set.</summary>
    [Parameter("Test filter passed to dotnet test --filter, e.g. FullyQualifiedName~Orders (default: every test)")]
    string? TestFilter => TryGetValue(() => TestFilter);

    /// <summary>Adjusts the test command; override with an explicit interface implementation.</summary>
    /// <example><c>ToolCommand ITest.ConfigureTest(ToolCommand c) => c.AddArguments("--blame-hang-timeout", "10m");</c></example>
    ToolCommand ConfigureTest(ToolCommand command) => command;

    /// <summary>Edits the typed test settings; the <see cref="ConfigureTest(ToolCommand)"/> hook then sees the whole command.</summary>
    /// <example><c>DotnetTestSettings ITest.ConfigureTest(DotnetTestSettings s) => s.AddLogger("console;verbosity=normal");</c></example>
    DotnetTestSettings ConfigureTest(DotnetTestSettings settings) => settings;

    /// <summary>Runs the tests (those <see cref="TestFilter"/> selects) without building again; fails when any test fails.</summary>
    Target Test => _ => _
        .Description("Runs the solution's tests and writes TRX results to artifacts/test-results")
        .DependsOn<ICompile>(x => x.Compile)
        .Executes(async () =>
        {
            var command = ConfigureTest(DotnetCommands.Test(Solution, Configuration, TestResultsDirectory, RootDirectory, TestFilter, ConfigureTest));
            var outcome = await TestRun.RunAsync(command, TestResultsDirectory, RootDirectory);
            ReportSummary(outcome.Counts.ToString());
            outcome.EnsureSucceeded(TestResultsDirectory, RootDirectory);
        });
}
