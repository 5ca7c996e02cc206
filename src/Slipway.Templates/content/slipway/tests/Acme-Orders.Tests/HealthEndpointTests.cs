using System.Net;
using System.Net.Http.Json;

namespace AcmeOrdersNamespace.Tests;

public sealed class HealthEndpointTests
{
    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Health_endpoint_answers_healthy_over_loopback(string path)
    {
        await using var service = await RunningService.StartAsync();
        using var client = new HttpClient { BaseAddress = service.Address };

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Root_names_the_service()
    {
        await using var service = await RunningService.StartAsync();
        using var client = new HttpClient { BaseAddress = service.Address };

        var info = await client.GetFromJsonAsync<ServiceInfo>("/");

        Assert.Equal("Acme-Orders", info?.Service);
    }

    [Fact]
    public async Task Healthcheck_probe_exits_0_when_the_service_is_ready()
    {
        await using var service = await RunningService.StartAsync();
        using var output = new StringWriter();

        var exitCode = await HealthCheckProbe.RunAsync(new Uri(service.Address, HealthCheckProbe.ReadinessPath), output);

        Assert.Equal(0, exitCode);
        Assert.Contains("200", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_probe_exits_1_when_nothing_listens()
    {
        Uri closed;
        await using (var service = await RunningService.StartAsync())
        {
            closed = new Uri(service.Address, HealthCheckProbe.ReadinessPath);
        }
        using var output = new StringWriter();

        var exitCode = await HealthCheckProbe.RunAsync(closed, output, TimeSpan.FromSeconds(2));

        Assert.Equal(1, exitCode);
    }
}
