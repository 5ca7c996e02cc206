using AcmeOrdersNamespace;
using Serilog;

// Docker HEALTHCHECK mode: probe the running service over loopback and exit 0 (healthy) or 1.
if (HealthCheckProbe.IsRequested(args))
{
    return await HealthCheckProbe.RunAsync(HealthCheckProbe.ReadinessUri(Environment.GetEnvironmentVariables()), Console.Out);
}

// Logs start-up failures before the host's own Serilog logger exists.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    await using var app = OrdersApp.Create(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Acme-Orders stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
