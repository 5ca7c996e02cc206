using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Slipway.Components.Tests.Registry;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// A private NuGet v3 feed as teams have on Azure Artifacts or GitHub Packages: a service index and a flat container
/// holding one package, behind basic authentication with a token. It listens on every interface, so both the host's
/// <c>dotnet restore</c> and a BuildKit build step (through the Docker bridge's gateway) reach it.
/// </summary>
internal sealed class PrivateNuGetFeed : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(IPAddress Client, bool Authorized)> _requests = new();
    private readonly Task _serving;

    public PrivateNuGetFeed(string host, string token, string packageId, string version)
    {
        Token = token;
        PackageId = packageId;
        Version = version;
        Port = LocalDocker.FreePort();
        Url = $"http://{host}:{Port}/v3/index.json";
        _packages[$"{packageId}/{version}"] = Package(packageId, version);
        _listener.Prefixes.Add($"http://+:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Token { get; }
    public string PackageId { get; }
    public string Version { get; }
    public int Port { get; }

    /// <summary>The service index, e.g. <c>http://172.17.0.1:41234/v3/index.json</c>.</summary>
    public string Url { get; }

    /// <summary>Clients whose requests carried the token, e.g. the host (loopback or the bridge) and build containers.</summary>
    public IReadOnlyList<IPAddress> AuthorizedClients => [.. _requests.Where(r => r.Authorized).Select(r => r.Client).Distinct()];

    /// <summary>True when a package download succeeded for a client other than this machine's own addresses.</summary>
    public bool ServedAContainer => AuthorizedClients.Any(c => !IPAddress.IsLoopback(c) && !c.Equals(IPAddress.Parse("172.17.0.1")));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { Answer(context); }
            catch (HttpListenerException) { }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        var authorized = IsAuthorized(context.Request.Headers["Authorization"]);
        _requests.Enqueue((context.Request.RemoteEndPoint.Address, authorized));
        if (!authorized)
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Basic realm=\"private feed\"");
            response.Close();
            return;
        }

        var path = context.Request.Url!.AbsolutePath;
        var baseUrl = $"http://{context.Request.Url.Authority}";
        if (path == "/v3/index.json")
        {
            Json(response, $$"""{"version":"3.0.0","resources":[{"@id":"{{baseUrl}}/flat/","@type":"PackageBaseAddress/3.0.0"}]}""");
            return;
        }
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["flat", var id, "index.json"] && string.Equals(id, PackageId, StringComparison.OrdinalIgnoreCase))
        {
            Json(response, $$"""{"versions":["{{Version}}"]}""");
            return;
        }
        if (parts is ["flat", var pid, var pversion, var file] && file.EndsWith(".nupkg", StringComparison.Ordinal)
            && _packages.TryGetValue($"{pid}/{pversion}", out var bytes))
        {
            response.ContentType = "application/octet-stream";
            response.OutputStream.Write(bytes);
            response.Close();
            return;
        }
        response.StatusCode = 404;
        response.Close();
    }

    private bool IsAuthorized(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        return pair.EndsWith(":" + Token, StringComparison.Ordinal);
    }

    private static void Json(HttpListenerResponse response, string json)
    {
        response.ContentType = "application/json";
        response.OutputStream.Write(Encoding.UTF8.GetBytes(json));
        response.Close();
    }

    // A package as dotnet pack lays it out, reduced to what restore reads: the nuspec and one (empty) lib folder.
    private static byte[] Package(string id, string version)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var nuspec = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open()))
            {
                nuspec.Write($"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                      <metadata>
                        <id>{id}</id>
                        <version>{version}</version>
                        <authors>Acme</authors>
                        <description>A package of a private feed.</description>
                      </metadata>
                    </package>
                    """);
            }
            using (zip.CreateEntry("lib/net10.0/_._").Open()) { }
        }
        return stream.ToArray();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
