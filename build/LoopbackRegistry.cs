using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// A registry (Debian's docker-registry, the CNCF distribution) on a free loopback port with its storage in a
/// directory of the build's, started for the demo and stopped after it. Docker pushes to loopback over plain HTTP.
/// </summary>
sealed class LoopbackRegistry : IDisposable
{
    const string Executable = "/usr/bin/docker-registry";
    readonly Process _process;

    LoopbackRegistry(Process process, int port)
    {
        _process = process;
        Host = $"localhost:{port}";
    }

    /// <summary>host:port of the registry.</summary>
    public string Host { get; }

    /// <summary>Starts a registry keeping its data under <paramref name="directory"/>.</summary>
    public static LoopbackRegistry Start(AbsolutePath directory)
    {
        if (!File.Exists(Executable))
            throw new BuildFailedException($"No registry given and {Executable} is not installed: pass --registry host:port/namespace, or install it (apt-get install docker-registry).");
        var port = FreePort();
        var config = directory.CreateDirectory() / "registry.yml";
        config.WriteAllText($"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {directory / "data"}
            http:
              addr: 127.0.0.1:{port}
            """);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new BuildFailedException($"{Executable} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LoopbackRegistry(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Answers(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                registry.Dispose();
                throw new BuildFailedException($"The demo registry on 127.0.0.1:{port} did not start (config {config}).");
            }
            Thread.Sleep(100);
        }
        return registry;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
