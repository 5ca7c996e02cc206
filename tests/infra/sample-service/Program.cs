// A minimal service for Slipway's image-build tests.
//
//   dotnet SampleService.dll                serve / and /healthz on ASPNETCORE_HTTP_PORTS (8080)
//   dotnet SampleService.dll --healthcheck  probe /healthz of the running service and exit
//                                           0 (healthy) or 1; the runtime image has no curl,
//                                           so the Dockerfile's HEALTHCHECK calls this mode
if (args.Contains("--healthcheck"))
{
    return await Probe.HealthAsync();
}

var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "sample-service\n");
app.MapGet("/healthz", () => Results.Text("ok\n"));
await app.RunAsync();
return 0;

internal static class Probe
{
    public static async Task<int> HealthAsync()
    {
        // The first of the configured ports; Kestrel listens on all interfaces, so loopback works.
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080";
        var port = ports.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"unhealthy: {e.Message}");
            return 1;
        }
    }
}
