using System.Diagnostics;

namespace Slipway.Components.Tests.Registry;

/// <summary>
/// A registry of the test's own on a free loopback port with its own storage, which the test may stop and restart
/// without disturbing the shared one on port 5000.
/// </summary>
internal sealed class OwnRegistry : IDisposable
{
    private const string Executable = "/usr/bin/docker-registry";
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-registry-").FullName;
    private readonly string _config;
    private Process? _process;

    public OwnRegistry((string User, string Password)? login = null)
    {
        Port = LocalDocker.FreePort();
        _config = Path.Combine(_directory, "registry.yml");
        File.WriteAllText(_config, $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_directory, "data")}
            http:
              addr: 127.0.0.1:{Port}
            """);
        if (login is { } user)
        {
            var htpasswd = Path.Combine(_directory, "htpasswd");
            File.WriteAllText(htpasswd, $"{user.User}:{BCrypt.Net.BCrypt.HashPassword(user.Password, workFactor: 5)}\n");
            File.AppendAllText(_config, $"""

                auth:
                  htpasswd:
                    realm: slipway-tests
                    path: {htpasswd}
                """);
        }
    }

    public static bool Installed => File.Exists(Executable);

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    /// <summary>True once the registry has stored the tag (its link file in the storage directory holds the digest).</summary>
    public bool HasTag(string repository, string tag)
    {
        // The storage driver creates the link file before it writes the digest into it: a tag is stored once the file
        // holds a whole digest. (A registry stopped between the two keeps an empty link, which it then serves as an error.)
        var link = Path.Combine(_directory, "data", "docker", "registry", "v2", "repositories", repository, "_manifests", "tags", tag, "current", "link");
        try
        {
            return File.Exists(link) && System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(link), "^sha256:[0-9a-f]{64}$");
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The digests of every blob the registry stores (layers, configs, manifests, build-cache blobs) whose bytes, or
    /// whose gunzipped bytes, contain <paramref name="text"/>.
    /// </summary>
    public IReadOnlyList<string> BlobsContaining(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        var blobs = Path.Combine(_directory, "data", "docker", "registry", "v2", "blobs");
        if (!Directory.Exists(blobs)) return [];
        return [.. Directory.EnumerateFiles(blobs, "data", SearchOption.AllDirectories)
            .Where(file => Contains(Content(file), needle))
            .Select(file => "sha256:" + Path.GetFileName(Path.GetDirectoryName(file)!))];
    }

    /// <summary>How many blobs the registry stores.</summary>
    public int BlobCount
    {
        get
        {
            var blobs = Path.Combine(_directory, "data", "docker", "registry", "v2", "blobs");
            return Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "data", SearchOption.AllDirectories).Count() : 0;
        }
    }

    private static byte[] Content(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes is not [0x1f, 0x8b, ..]) return bytes;
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public void Start()
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(_config);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!LocalDocker.IsListening(Port))
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException($"The test registry on {Host} did not start.");
            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_directory, recursive: true);
    }
}
