using System.Collections;

namespace AcmeOrdersNamespace.Tests;

public sealed class HealthCheckProbeTests
{
    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/healthz/ready")]
    [InlineData(null, "9090", "http://127.0.0.1:9090/healthz/ready")]
    [InlineData(null, "9090;9091", "http://127.0.0.1:9090/healthz/ready")]
    [InlineData("http://+:5000", "9090", "http://127.0.0.1:5000/healthz/ready")]
    [InlineData("http://*:5001", null, "http://127.0.0.1:5001/healthz/ready")]
    [InlineData("http://[::]:5002", null, "http://127.0.0.1:5002/healthz/ready")]
    [InlineData("https://+:5443;http://0.0.0.0:5003", null, "http://127.0.0.1:5003/healthz/ready")]
    [InlineData("http://localhost", null, "http://127.0.0.1/healthz/ready")]
    public void Readiness_uri_uses_the_port_the_service_listens_on(string? urls, string? httpPorts, string expected)
    {
        var environment = new Hashtable();
        if (urls is not null) environment["ASPNETCORE_URLS"] = urls;
        if (httpPorts is not null) environment["ASPNETCORE_HTTP_PORTS"] = httpPorts;

        Assert.Equal(new Uri(expected), HealthCheckProbe.ReadinessUri(environment));
    }

    [Theory]
    [InlineData(new[] { "--healthcheck" }, true)]
    [InlineData(new[] { "--urls", "http://+:8080", "--HealthCheck" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://+:8080" }, false)]
    public void Probe_mode_is_requested_by_the_healthcheck_argument(string[] args, bool expected) =>
        Assert.Equal(expected, HealthCheckProbe.IsRequested(args));
}
