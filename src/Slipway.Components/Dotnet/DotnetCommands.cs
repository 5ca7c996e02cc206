using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Dotnet;

/// <summary>The <c>dotnet</c> command lines of Restore, Compile and Test, before a build's <c>Configure…</c> hook adjusts them.</summary>
internal static class DotnetCommands
{
    public static ToolCommand Restore(AbsolutePath solution, AbsolutePath root, Func<DotnetRestoreSettings, DotnetRestoreSettings>? configure = null) =>
        Dotnet(root).WithArguments((configure ?? (s => s))(new DotnetRestoreSettings(solution)).ToArguments());

    public static ToolCommand Build(AbsolutePath solution, string configuration, AbsolutePath root, Func<DotnetBuildSettings, DotnetBuildSettings>? configure = null) =>
        Dotnet(root).WithArguments((configure ?? (s => s))(new DotnetBuildSettings(solution, configuration)).ToArguments());

    /// <summary>
    /// Tests without building; each test project writes its own TRX file (<c>&lt;prefix&gt;_&lt;framework&gt;_&lt;time&gt;.trx</c>)
    /// into <paramref name="resultsDirectory"/>. A <paramref name="filter"/> runs only the tests it selects (<c>--filter</c>).
    /// </summary>
    public static ToolCommand Test(AbsolutePath solution, string configuration, AbsolutePath resultsDirectory, AbsolutePath root, string? filter = null,
        Func<DotnetTestSettings, DotnetTestSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var prefix = Path.GetFileNameWithoutExtension(solution.Name);
        var settings = new DotnetTestSettings(solution, configuration, resultsDirectory, $"trx;LogFilePrefix={prefix}") { Filter = filter };
        return Dotnet(root).WithArguments((configure ?? (s => s))(settings).ToArguments());
    }

    private static ToolCommand Dotnet(AbsolutePath root) => Tool.Of("dotnet")
        .WithWorkingDirectory(root)
        .WithEnvironment("DOTNET_NOLOGO", "1")
        .WithEnvironment("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
}
