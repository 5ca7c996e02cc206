using System.Diagnostics;
using System.Net.Sockets;

namespace Slipway.Components.Tests.Registry;

/// <summary>The machine's Docker engine and registry (from /run/container-env), for the tests that need them.</summary>
internal static class LocalDocker
{
    private const string EnvironmentFile = "/run/container-env/base-images.env";
    private const string Socket = "/run/container-env/docker.sock";

    public const string Registry = "localhost:5000";

    /// <summary>Why Docker tests cannot run here, or null when they can.</summary>
    public static string? Unavailable
    {
        get
        {
            if (!File.Exists(EnvironmentFile)) return $"{EnvironmentFile} is missing: the container environment is not set up";
            if (Slipway.Processes.Tool.Find("docker") is null) return "docker is not on PATH";
            if (!IsListening(5000)) return "no registry listens on 127.0.0.1:5000";
            if (Environment.GetEnvironmentVariable("DOCKER_HOST") is null && File.Exists(Socket))
                Environment.SetEnvironmentVariable("DOCKER_HOST", "unix://" + Socket);
            return null;
        }
    }

    /// <summary>A value from base-images.env, e.g. BASE_IMAGE.</summary>
    public static string Setting(string name) =>
        File.ReadAllLines(EnvironmentFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name).Select(p => p[1]).Single();

    /// <summary>Builds a tiny image of its own (unique content) from the local base image; returns its id.</summary>
    public static string BuildUniqueImage(string? revision = null, params string[] labels)
    {
        var context = Directory.CreateTempSubdirectory("slipway-image-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(context, "marker.txt"), Guid.NewGuid().ToString());
            File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {Setting("BASE_IMAGE")}\nCOPY marker.txt /marker.txt\n");
            var arguments = new List<string> { "build", "-q" };
            if (revision is not null) arguments.AddRange(["--label", $"org.opencontainers.image.revision={revision}"]);
            foreach (var label in labels) arguments.AddRange(["--label", label]);
            return Docker([.. arguments, context]).Trim();
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    public static void RemoveImage(string imageId)
    {
        try
        {
            Docker("image", "rm", "-f", imageId);
        }
        catch (InvalidOperationException)
        {
            // best effort: a leftover test image does no harm
        }
    }

    public static string Docker(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed: {error.Result}");
        return output;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
