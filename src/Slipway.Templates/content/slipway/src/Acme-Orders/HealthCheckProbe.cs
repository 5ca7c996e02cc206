using System.Collections;
using System.Globalization;

namespace AcmeOrdersNamespace;

/// <summary>
/// <c>dotnet Acme-Orders.dll --healthcheck</c>: the container's HEALTHCHECK. The runtime image has no curl or shell,
/// so the service binary calls its own readiness endpoint over loopback and exits 0 when it answers 2xx, else 1.
/// </summary>
internal static class HealthCheckProbe
{
    public const string Argument = "--healthcheck";
    public const string ReadinessPath = "/healthz/ready";
    private const int DefaultPort = 8080;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(IEnumerable<string> args) => args.Contains(Argument, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The readiness URL on loopback: the port of the first http URL in ASPNETCORE_URLS, else the first of
    /// ASPNETCORE_HTTP_PORTS, else 8080 (the .NET images' default).
    /// </summary>
    public static Uri ReadinessUri(IDictionary environment)
    {
        var port = PortFromUrls(environment["ASPNETCORE_URLS"] as string)
                   ?? PortFromPorts(environment["ASPNETCORE_HTTP_PORTS"] as string)
                   ?? DefaultPort;
        return new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{ReadinessPath}");
    }

    public static async Task<int> RunAsync(Uri uri, TextWriter output, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { Timeout = timeout ?? Timeout };
        try
        {
            using var response = await client.GetAsync(uri);
            await output.WriteLineAsync($"{uri}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{uri}: {ex.Message}");
            return 1;
        }
    }

    private static int? PortFromUrls(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) continue;
            // Wildcard hosts (+, *) are not valid URIs: swap the host for loopback before parsing.
            var hostStart = "http://".Length;
            var hostEnd = url.IndexOf(':', url.StartsWith("http://[", StringComparison.Ordinal) ? url.IndexOf(']', StringComparison.Ordinal) : hostStart);
            if (hostEnd < 0) return 80;
            var rest = url[(hostEnd + 1)..];
            var digits = new string([.. rest.TakeWhile(char.IsAsciiDigit)]);
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 80;
        }
        return null;
    }

    private static int? PortFromPorts(string? ports)
    {
        var first = (ports ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
