using Slipway.Components.Destination;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Execution;

namespace Slipway.Components.Tests.Destination;

/// <summary>The run's docker client takes its daemon and client configuration from the host's environment, never the process's.</summary>
public sealed class ContainerSessionTests
{
    /// <summary>A build whose one target reports the environment of the run's docker client.</summary>
    internal sealed class ProbeBuild : SlipwayBuild, IContainerImage
    {
        public Target Probe => _ => _.Executes(async () =>
        {
            var docker = await ContainerSession.DockerAsync(this);
            foreach (var (name, value) in docker.Environment.OrderBy(e => e.Key, StringComparer.Ordinal)) ReportSummary($"{name}={value}");
        });
    }

    [Fact]
    public void The_docker_client_reaches_the_daemon_and_configuration_the_host_environment_names()
    {
        using var root = new TemporaryDirectory("slipway-session");
        var environment = EngineRuns.Environment();
        environment["DOCKER_HOST"] = "tcp://injected.invalid:2375";
        environment["DOCKER_CONFIG"] = "/injected/docker-config";
        using var output = new StringWriter();

        var exitCode = Engine.Run<ProbeBuild>(new EngineOptions(["Probe"]) { RootDirectory = root.Path, Environment = environment, Output = output }, []);

        Assert.True(exitCode == 0, output.ToString());
        Assert.Contains("DOCKER_CONFIG=/injected/docker-config", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("DOCKER_HOST=tcp://injected.invalid:2375", output.ToString(), StringComparison.Ordinal);
    }
}
