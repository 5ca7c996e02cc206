using Slipway.Components.Tests.Infrastructure;
using Slipway.Processes;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>The checks every end-to-end test of a generated service starts or ends with.</summary>
internal static class Expect
{
    /// <summary>Skips the test, with the reason, where the container environment is not up.</summary>
    public static void Docker() => Skip.IfNot(DockerEnvironment.Current.IsAvailable, DockerEnvironment.Current.Reason);

    /// <summary>The run exited 0; otherwise the failure shows its whole output.</summary>
    public static void Succeeded(ToolResult run) => Assert.True(run.ExitCode == 0, $"exited {run.ExitCode}:\n{Commands.Text(run)}");
}
