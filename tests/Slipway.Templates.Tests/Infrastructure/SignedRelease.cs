using System.Text.Json;
using Slipway.Components.Tests.Registry;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// The published service (v1.4.2) published again, signed, to a registry of its own: a cosign key pair made with
/// <c>cosign generate-key-pair</c>, <c>./build.sh Publish --cosign-key … --cosign-password …</c>, and a second registry to
/// promote to. Built once, on first use, for the supply-chain tests.
/// </summary>
internal sealed class SignedRelease : IDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly OwnRegistry _source = new();
    private readonly OwnRegistry _target = new();

    internal SignedRelease(GeneratedService service)
    {
        _source.Start();
        _target.Start();
        Keys = service.Copy("cosign-keys");
        Commands.Check("cosign", ["generate-key-pair"], Keys, new Dictionary<string, string> { ["COSIGN_PASSWORD"] = Password });
        OtherKeys = service.Copy("cosign-other-keys");
        Commands.Check("cosign", ["generate-key-pair"], OtherKeys, new Dictionary<string, string> { ["COSIGN_PASSWORD"] = "other" });
        Repository = service.Copy("signed");
        Publish = service.PublishImage(Repository, ["--registry", Registry, .. SigningArguments]);
        if (Publish.ExitCode != 0) return;
        using var record = JsonDocument.Parse(File.ReadAllText(Repository / "artifacts" / "image.json"));
        Digest = record.RootElement.GetProperty("digest").GetString()!;
    }

    /// <summary>The registry and namespace published to, e.g. <c>127.0.0.1:41234/acme</c>.</summary>
    public string Registry => $"{_source.Host}/acme";

    /// <summary>The image repository, e.g. <c>127.0.0.1:41234/acme/acme-orders</c>.</summary>
    public string ImageRepository => $"{Registry}/acme-orders";

    /// <summary>The registry's address as its storage names repositories: <c>acme/acme-orders</c>.</summary>
    public OwnRegistry Source => _source;

    /// <summary>The second registry, to promote to.</summary>
    public OwnRegistry Target => _target;

    /// <summary>The signed repository copy (its artifacts/image.json names the signed digest).</summary>
    public AbsolutePath Repository { get; }

    /// <summary>The directory holding cosign.key and cosign.pub.</summary>
    public AbsolutePath Keys { get; }

    /// <summary>Another key pair, which did not sign anything.</summary>
    public AbsolutePath OtherKeys { get; }

    /// <summary>The signed publish.</summary>
    public ToolResult Publish { get; }

    /// <summary>The pushed digest, <c>sha256:…</c>; empty when the publish failed.</summary>
    public string Digest { get; } = "";

    /// <summary><c>repository@digest</c>.</summary>
    public string Reference => $"{ImageRepository}@{Digest}";

    /// <summary>The key parameters of the signed publish.</summary>
    public string[] SigningArguments => ["--cosign-key", Keys / "cosign.key", "--cosign-password", Password];

    /// <summary>The public key parameter for Verify.</summary>
    public string[] PublicKeyArguments => ["--cosign-public-key", Keys / "cosign.pub"];

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }
}
