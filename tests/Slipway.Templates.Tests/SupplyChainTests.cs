using System.Text;
using System.Text.Json.Nodes;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Registry;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// Evidence on every published digest, checked with the real cosign against real registries (registry 2.8 has no OCI
/// referrers API, so cosign's tag fallback is what is exercised): Publish signs and attests, cosign and Verify accept it,
/// Promote carries it to a second registry, Rescan and Verify catch what changed since.
/// </summary>
[Collection(GeneratedServiceOwnRegistriesCollection.Name)]
public sealed class SupplyChainTests(GeneratedService service)
{
    private SignedRelease Signed()
    {
        Expect.Docker();
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed (tests/infra/container-env.sh installs it)");
        Skip.If(Tool.Find("cosign") is null, "cosign is not on PATH (tests/infra/container-env.sh installs cosign 2.5)");
        var signed = service.SignedRelease;
        Expect.Succeeded(signed.Publish);
        return signed;
    }

    private ToolResult Build(SignedRelease signed, params string[] arguments) =>
        service.Publish(signed.Repository, [.. arguments, "--registry", signed.Registry]);

    private static ToolResult Cosign(SignedRelease signed, params string[] arguments) =>
        Commands.Run("cosign", arguments, signed.Keys, timeout: TimeSpan.FromMinutes(2));

    private static List<JsonObject> Statements(ToolResult verifyAttestation) =>
        [.. verifyAttestation.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(line)!["payload"]!.GetValue<string>())))!.AsObject())];

    [SkippableFact]
    public void Publish_signs_the_digest_and_cosign_verifies_its_sbom_provenance_and_verdict()
    {
        var signed = Signed();
        var output = Commands.Text(signed.Publish);
        Assert.Contains("Signed " + signed.Reference, output, StringComparison.Ordinal);
        Assert.DoesNotContain(SignedRelease.Password, output, StringComparison.Ordinal);
        Assert.True(signed.Source.HasTag("acme/acme-orders", "sha256-" + signed.Digest["sha256:".Length..] + ".sig"), "no signature tag (cosign's tag fallback)");

        var verify = Cosign(signed, "verify", "--key", signed.Keys / "cosign.pub", "--insecure-ignore-tlog=true", signed.Reference);
        Assert.True(verify.ExitCode == 0, Commands.Text(verify));

        string[] attest = ["verify-attestation", "--key", signed.Keys / "cosign.pub", "--insecure-ignore-tlog=true"];
        var sbom = Cosign(signed, [.. attest, "--type", "cyclonedx", signed.Reference]);
        Assert.True(sbom.ExitCode == 0, Commands.Text(sbom));
        var bom = Statements(sbom).Single();
        Assert.Equal(signed.Digest["sha256:".Length..], bom["subject"]![0]!["digest"]!["sha256"]!.GetValue<string>());
        var purls = bom["predicate"]!["components"]!.AsArray().Select(c => c!["purl"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Contains("pkg:nuget/Serilog.AspNetCore@10.0.0", purls);
        var libc6 = Commands.Docker("run", "--rm", "--network", "none", "--entrypoint", "dpkg-query", DockerEnvironment.Current.RuntimeImage, "-W", "-f=${Version}", "libc6");
        Assert.Equal(0, libc6.ExitCode);
        var libc6Version = Uri.EscapeDataString(libc6.StandardOutput.Trim());
        Assert.Contains(purls, p => p.StartsWith($"pkg:deb/debian/libc6@{libc6Version}", StringComparison.Ordinal));

        var provenance = Cosign(signed, [.. attest, "--type", "slsaprovenance1", signed.Reference]);
        Assert.True(provenance.ExitCode == 0, Commands.Text(provenance));
        var predicate = Statements(provenance).Single()["predicate"]!;
        Assert.Equal(service.Commit, predicate["buildDefinition"]!["externalParameters"]!["source"]!["commit"]!.GetValue<string>());
        Assert.Equal("1.4.2", predicate["buildDefinition"]!["externalParameters"]!["version"]!.GetValue<string>());
        Assert.Equal(["Publish"], predicate["buildDefinition"]!["externalParameters"]!["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("CosignPassword", predicate["buildDefinition"]!["externalParameters"]!["secretsGiven"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain(SignedRelease.Password, provenance.StandardOutput + Encoding.UTF8.GetString(Convert.FromBase64String(JsonNode.Parse(provenance.StandardOutput.Split('\n')[0])!["payload"]!.GetValue<string>())), StringComparison.Ordinal);
        var runtimeDigest = DockerEnvironment.Current.MultiPlatformRuntimeImage.Split('@')[1]["sha256:".Length..];
        Assert.Contains(predicate["buildDefinition"]!["resolvedDependencies"]!.AsArray(), d => d!["digest"]?["sha256"]?.GetValue<string>() == runtimeDigest);

        var verdict = Cosign(signed, [.. attest, "--type", "https://slipway.dev/attestations/scan-verdict/v1", signed.Reference]);
        Assert.True(verdict.ExitCode == 0, Commands.Text(verdict));
        var gate = Statements(verdict).Single()["predicate"]!;
        Assert.True(gate["passed"]!.GetValue<bool>());
        Assert.Equal("HIGH", gate["threshold"]!.GetValue<string>());
        Assert.Equal(0, gate["counts"]!["CRITICAL"]!.GetValue<int>());
        Assert.Equal("0.69.3", gate["scanner"]!["version"]!.GetValue<string>());
        Assert.NotNull(gate["scanner"]!["databaseUpdatedAt"]);
    }

    [SkippableFact]
    public void Verify_passes_for_the_key_and_fails_for_another_key_a_stale_verdict_and_a_digest_pushed_by_hand()
    {
        var signed = Signed();
        var pass = Build(signed, ["Verify", .. signed.PublicKeyArguments]);
        Expect.Succeeded(pass);
        Assert.Contains("verified: signature, SBOM (CycloneDX), provenance (SLSA v1), scan verdict", Commands.Text(pass), StringComparison.Ordinal);

        var wrongKey = Build(signed, ["Verify", "--cosign-public-key", signed.OtherKeys / "cosign.pub"]);
        Assert.NotEqual(0, wrongKey.ExitCode);
        Assert.Contains("signature:", Commands.Text(wrongKey), StringComparison.Ordinal);

        Thread.Sleep(TimeSpan.FromSeconds(2));
        var stale = Build(signed, ["Verify", .. signed.PublicKeyArguments, "--max-verdict-age", "00:00:01"]);
        Assert.NotEqual(0, stale.ExitCode);
        Assert.Contains("older than --max-verdict-age", Commands.Text(stale), StringComparison.Ordinal);

        // Someone pushes another image under the version by hand: it has no signature.
        var byHand = $"{signed.Source.Host}/byhand/acme-orders";
        Commands.Check("skopeo", ["copy", "--src-tls-verify=false", "--dest-tls-verify=false",
            $"docker://{DockerEnvironment.Current.RuntimeImage}", $"docker://{byHand}:1.4.2"], signed.Keys);
        var handDigest = Commands.Check("skopeo", ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", $"docker://{byHand}:1.4.2"], signed.Keys);
        var unsigned = Build(signed, ["Verify", .. signed.PublicKeyArguments, "--image", $"{byHand}@{handDigest}"]);
        Assert.NotEqual(0, unsigned.ExitCode);
        Assert.Contains("no signatures found", Commands.Text(unsigned), StringComparison.Ordinal);

        var missing = Build(signed, ["Verify", .. signed.PublicKeyArguments, "--image", $"{signed.ImageRepository}@sha256:{new string('0', 64)}"]);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("did not verify", Commands.Text(missing), StringComparison.Ordinal);

        var tag = Build(signed, ["Verify", .. signed.PublicKeyArguments, "--image", $"{signed.ImageRepository}:1.4.2"]);
        Assert.NotEqual(0, tag.ExitCode);
        Assert.Contains("checks a digest, not a tag", Commands.Text(tag), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Promote_copies_the_digest_with_its_evidence_and_tags_and_refuses_conflicts_and_unsigned_images()
    {
        var signed = Signed();
        var to = $"{signed.Target.Host}/production";
        var run = Build(signed, ["Promote", .. signed.PublicKeyArguments, "--to", to]);
        Expect.Succeeded(run);

        var promoted = $"{to}/acme-orders";
        foreach (var tag in new[] { "1.4.2", "1.4", "1", "sha-" + service.Commit[..7] })
            Assert.True(signed.Target.HasTag("production/acme-orders", tag), $"{promoted}:{tag} is missing");
        var digest = Commands.Check("skopeo", ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", $"docker://{promoted}:1.4.2"], signed.Keys);
        Assert.Equal(signed.Digest, digest);
        var verify = Cosign(signed, "verify", "--key", signed.Keys / "cosign.pub", "--insecure-ignore-tlog=true", $"{promoted}@{digest}");
        Assert.True(verify.ExitCode == 0, Commands.Text(verify));
        Assert.False(signed.Target.HasTag("production/acme-orders", "latest"));

        // Promoting again changes nothing.
        Expect.Succeeded(Build(signed, ["Promote", .. signed.PublicKeyArguments, "--to", to]));

        // A target that already holds 1.4.2 at another digest: refused, nothing copied.
        var conflicting = $"{signed.Target.Host}/conflict";
        Commands.Check("skopeo", ["copy", "--src-tls-verify=false", "--dest-tls-verify=false",
            $"docker://{DockerEnvironment.Current.RuntimeImage}", $"docker://{conflicting}/acme-orders:1.4.2"], signed.Keys);
        var conflict = Build(signed, ["Promote", .. signed.PublicKeyArguments, "--to", conflicting]);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("already holds", Commands.Text(conflict), StringComparison.Ordinal);
        Assert.False(signed.Target.HasTag("conflict/acme-orders", "sha256-" + signed.Digest["sha256:".Length..] + ".sig"), "the signature was copied despite the conflict");
        Assert.False(signed.Target.HasTag("conflict/acme-orders", "1.4"));

        // The first, unsigned publish of the shared service: refused.
        var unsignedReference = $"localhost:5000/{service.ImageRepository}@{RegistryProbe.Digest(service.ImageRepository, "1.4.2")}";
        var unsigned = Build(signed, ["Promote", .. signed.PublicKeyArguments, "--to", $"{signed.Target.Host}/unsigned", "--image", unsignedReference]);
        Assert.NotEqual(0, unsigned.ExitCode);
        Assert.Contains("Promote refused, nothing was copied", Commands.Text(unsigned), StringComparison.Ordinal);
        Assert.False(signed.Target.HasTag("unsigned/acme-orders", "1.4.2"));
    }

    [SkippableFact]
    public void Rescan_with_a_fixed_critical_fails_naming_it_and_its_attached_verdict_stops_Verify_and_Promote()
    {
        var signed = Signed();
        // A copy of the signed release, so its failing verdict leaves the shared one alone.
        var copy = $"{signed.Source.Host}/rescanned/acme-orders@{signed.Digest}";
        // cosign copies an index and its platform manifests side by side, and registry 2.8 can refuse the index while a
        // platform manifest is still on its way (MANIFEST_BLOB_UNKNOWN); the copy is idempotent, so it is tried again.
        var copied = Enumerable.Range(0, 3).Select(_ => Commands.Run("cosign", ["copy", "--force", signed.Reference, copy], signed.Keys))
            .FirstOrDefault(run => run.ExitCode == 0);
        Assert.True(copied is not null, $"cosign copy {signed.Reference} {copy} failed three times");

        var arguments = signed.Repository / "artifacts" / "trivy-arguments.txt";
        var environment = new Dictionary<string, string> { ["TRIVY_STANDIN_FINDINGS"] = "critical-fixed", ["TRIVY_STANDIN_ARGS_LOG"] = arguments };
        var rescan = service.Publish(signed.Repository, ["Rescan", "--registry", signed.Registry, "--image", copy, "--attach-verdict", .. signed.SigningArguments], environment);
        Assert.NotEqual(0, rescan.ExitCode);
        var output = Commands.Text(rescan);
        Assert.Contains("CVE-2099-1001", output, StringComparison.Ordinal);
        Assert.Contains("now has blocking findings", output, StringComparison.Ordinal);
        // Trivy read the image from its registry, not from the engine.
        var trivy = File.ReadAllText(arguments);
        Assert.Contains("--image-src\nremote\n", trivy, StringComparison.Ordinal);
        Assert.Contains(copy + "\n", trivy, StringComparison.Ordinal);

        var verify = Build(signed, ["Verify", .. signed.PublicKeyArguments, "--image", copy]);
        Assert.NotEqual(0, verify.ExitCode);
        Assert.Contains("the newest verdict", Commands.Text(verify), StringComparison.Ordinal);
        Assert.Contains("failed with 1 blocking finding", Commands.Text(verify), StringComparison.Ordinal);

        var promote = Build(signed, ["Promote", .. signed.PublicKeyArguments, "--to", $"{signed.Target.Host}/failed", "--image", copy]);
        Assert.NotEqual(0, promote.ExitCode);
        Assert.False(signed.Target.HasTag("failed/acme-orders", "1.4.2"));

        // The published release itself still verifies: a rescan without --attach-verdict attaches nothing.
        var clean = service.Publish(signed.Repository, ["Rescan", "--registry", signed.Registry]);
        Expect.Succeeded(clean);
        Expect.Succeeded(Build(signed, ["Verify", .. signed.PublicKeyArguments]));
    }

    [SkippableFact]
    public void A_key_without_its_password_stops_Publish_before_the_first_target_and_a_wrong_one_before_anything_is_built()
    {
        var signed = Signed();
        var missing = Build(signed, ["Publish", "--cosign-key", signed.Keys / "cosign.key"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--cosign-password (COSIGN_PASSWORD)", Commands.Text(missing), StringComparison.Ordinal);
        Assert.DoesNotContain("── Restore", Commands.Text(missing), StringComparison.Ordinal);

        // The key is opened (cosign public-key) from the start of the run by SigningKey, planned before the build.
        var wrong = Build(signed, ["Publish", "--cosign-key", signed.Keys / "cosign.key", "--cosign-password", "not the password"]);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Target SigningKey failed", Commands.Text(wrong), StringComparison.Ordinal);
        Assert.Contains("decrypt", Commands.Text(wrong), StringComparison.Ordinal);
        Assert.Contains("not the one the key --cosign-key (COSIGN_KEY) was generated with", Commands.Text(wrong), StringComparison.Ordinal);
        Assert.DoesNotContain("── Restore", Commands.Text(wrong), StringComparison.Ordinal);
        Assert.DoesNotContain("── DockerBuild", Commands.Text(wrong), StringComparison.Ordinal);

        var pem = Build(signed, ["Publish", "--cosign-key", File.ReadAllText(signed.Keys / "cosign.key"), "--cosign-password", SignedRelease.Password]);
        Expect.Succeeded(pem);
        Assert.Contains("already signed", Commands.Text(pem), StringComparison.Ordinal);
    }
}
