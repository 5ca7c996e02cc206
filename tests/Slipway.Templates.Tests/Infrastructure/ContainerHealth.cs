namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>Runs an image detached and waits for its HEALTHCHECK to say healthy.</summary>
internal static class ContainerHealth
{
    /// <summary>
    /// Runs <paramref name="reference"/> (for <paramref name="platform"/> when given) and asserts it turns healthy within
    /// the wait. <paramref name="probeTimeout"/> widens the HEALTHCHECK's own timeout, for a probe under QEMU emulation,
    /// where starting the .NET runtime for the probe process takes longer than the image's 5 s.
    /// </summary>
    public static void AssertTurnsHealthy(string reference, string? platform = null, int seconds = 60, string? probeTimeout = null)
    {
        string[] platformArguments = platform is null ? [] : ["--platform", platform];
        string[] timeout = probeTimeout is null ? [] : ["--health-timeout", probeTimeout];
        var run = Commands.Docker(["run", "--detach", .. platformArguments, .. timeout, "--health-interval", "2s", "--health-start-period", "30s", reference]);
        Assert.True(run.ExitCode == 0, Commands.Text(run));
        var container = run.StandardOutput.Trim();
        try
        {
            var status = "";
            for (var i = 0; i < seconds && status != "healthy"; i++)
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
                status = Commands.Docker("inspect", "--format", "{{.State.Health.Status}}", container).StandardOutput.Trim();
            }
            Assert.True(status == "healthy", $"health: {status}\n{Commands.Text(Commands.Docker("logs", container))}");
        }
        finally
        {
            Commands.Docker("rm", "--force", container);
        }
    }
}
