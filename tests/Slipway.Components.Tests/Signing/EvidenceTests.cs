using System.Text;
using System.Text.Json.Nodes;
using Slipway.Components.Attestations;
using Slipway.Components.Images;
using Slipway.Components.Registry;
using Slipway.Components.Release;
using Slipway.Components.Scanning;
using Slipway.Components.Signing;

namespace Slipway.Components.Tests.Signing;

public sealed class EvidenceTests
{
    private const string Digest = "sha256:6c2be7d0894b9e7de1baddec7c2e52c3f65cb35b1b7a77b1d3f04a885ff99191";

    [Fact]
    public void An_attestation_manifest_lists_the_predicate_type_of_each_layer()
    {
        var manifest = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":233,"digest":"sha256:28"},
             "layers":[
               {"mediaType":"application/vnd.dsse.envelope.v1+json","size":1,"digest":"sha256:ab","annotations":{"dev.cosignproject.cosign/signature":"","predicateType":"https://cyclonedx.org/bom"}},
               {"mediaType":"application/vnd.dsse.envelope.v1+json","size":1,"digest":"sha256:cd","annotations":{"predicateType":"https://slsa.dev/provenance/v1"}}]}
            """;

        var types = AttestationManifest.PredicateTypes(Encoding.UTF8.GetBytes(manifest));

        Assert.Equal(["https://cyclonedx.org/bom", "https://slsa.dev/provenance/v1"], types.Order(StringComparer.Ordinal));
        Assert.False(PredicateTypes.Required.All(r => types.Contains(r.Type)));
        Assert.Empty(AttestationManifest.PredicateTypes("not json"u8.ToArray()));
    }

    [Theory]
    [InlineData("sha256-6c2be7d0894b9e7de1baddec7c2e52c3f65cb35b1b7a77b1d3f04a885ff99191.sig", true)]
    [InlineData("sha256-6c2be7d0894b9e7de1baddec7c2e52c3f65cb35b1b7a77b1d3f04a885ff99191.att", true)]
    [InlineData("sha256-6c2be7d0894b9e7de1baddec7c2e52c3f65cb35b1b7a77b1d3f04a885ff99191", true)]
    [InlineData("sha256-6c2be7d0.sig", false)]
    [InlineData("1.4.2", false)]
    [InlineData("latest", false)]
    public void Cosign_fallback_tags_are_told_from_version_tags(string tag, bool isCosign) =>
        Assert.Equal(isCosign, CosignTags.IsCosignTag(tag));

    [Fact]
    public void Cosign_tags_never_count_as_versions_or_reach_the_ignored_note()
    {
        var decision = FloatingTags.Decide([new ImageTag("1.4.2"), new ImageTag("1.4"), new ImageTag("1")], "1.4.2",
            [CosignTags.Signature(Digest), CosignTags.Attestations(Digest), "1.4.1"], null);

        Assert.Null(decision.IgnoredNote);
        Assert.Equal(["1.4.2", "1.4", "1"], decision.Push.Select(t => t.Value));
    }

    [Theory]
    [InlineData("1.4.2", "0123456789abcdef0123456789abcdef01234567", "1.4.2 1.4 1 sha-0123456")]
    [InlineData("0.3.0", "0123456789abcdef0123456789abcdef01234567", "0.3.0 0.3 sha-0123456")]
    [InlineData("1.5.0-alpha.3", null, "1.5.0-alpha.3")]
    [InlineData("1.4.2", "0123456789abcdef0123456789abcdef01234567-dirty", "1.4.2 1.4 1")]
    public void A_promotion_applies_the_version_tags_and_the_commit_tag(string version, string? revision, string expected) =>
        Assert.Equal(expected, string.Join(' ', Promoter.TagsOf(version, revision)));

    [Fact]
    public void The_scan_verdict_predicate_records_the_gate_and_reads_back()
    {
        var scan = new ScanRecord
        {
            ImageId = Digest, Passed = true, Threshold = "HIGH", Blocking = 0,
            Counts = new Dictionary<string, int> { ["CRITICAL"] = 0, ["HIGH"] = 0, ["MEDIUM"] = 2 },
            Scanned = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
            Ignored = ["CVE-2024-0001"],
            Scanner = new ScannerRecord { Name = "trivy", Version = "0.69.3", DatabaseUpdated = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) },
        };

        var predicate = ScanVerdictPredicate.From(scan);

        Assert.Equal("HIGH", predicate["threshold"]!.GetValue<string>());
        Assert.Equal(2, predicate["counts"]!["MEDIUM"]!.GetValue<int>());
        Assert.Equal("CVE-2024-0001", predicate["ignored"]![0]!.GetValue<string>());
        Assert.Equal("0.69.3", predicate["scanner"]!["version"]!.GetValue<string>());
        Assert.StartsWith("2026-12-01T00:00:00", predicate["scanner"]!["databaseUpdatedAt"]!.GetValue<string>(), StringComparison.Ordinal);
        var read = ScanVerdictPredicate.Read(JsonNode.Parse(predicate.ToJsonString()));
        Assert.Equal((true, scan.Scanned, 0), read);
        Assert.False(ScanVerdictPredicate.Read(JsonNode.Parse(ScanVerdictPredicate.From(scan with { Waived = true }).ToJsonString()))!.Value.Passed);
    }

    [Fact]
    public void The_provenance_names_source_commit_version_invocation_without_secrets_base_digests_and_builder()
    {
        var runtime = "localhost:5000/dotnet/aspnet:10.0@sha256:d750f5fe94d7709eadb7c7fe0c3a8088b135a5290eb3ef2962692bb31d5eef0b";
        var input = new ProvenanceInput
        {
            Image = new ImageRecord { ImageId = Digest, LocalReference = "acme-orders:build-1", Image = "acme-orders", Version = "1.4.2", Commit = "0123456789abcdef0123456789abcdef01234567", Created = DateTimeOffset.FromUnixTimeSeconds(1764000000) },
            Invocation = new BuildInvocation
            {
                Targets = ["Publish"],
                Parameters = new Dictionary<string, string> { ["Registry"] = "ghcr.io/acme" },
                SecretsGiven = ["CosignPassword"],
                StartedAt = DateTimeOffset.FromUnixTimeSeconds(1764000100),
            },
            SourceUrl = "https://github.com/acme/orders",
            SourceRef = "refs/tags/v1.4.2",
            Dockerfile = "Dockerfile",
            BaseImages = [runtime],
            HostName = "GitHub Actions",
            MachineName = "runner-1",
            RunUrl = "https://github.com/acme/orders/actions/runs/7/attempts/1",
            SlipwayVersion = "1.0.0",
            FinishedAt = DateTimeOffset.FromUnixTimeSeconds(1764000200),
        };

        var json = ProvenancePredicate.From(input).ToJsonString();
        var p = JsonNode.Parse(json)!;

        Assert.Equal("git+https://github.com/acme/orders@refs/tags/v1.4.2", p["buildDefinition"]!["resolvedDependencies"]![0]!["uri"]!.GetValue<string>());
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", p["buildDefinition"]!["resolvedDependencies"]![0]!["digest"]!["gitCommit"]!.GetValue<string>());
        Assert.Equal("d750f5fe94d7709eadb7c7fe0c3a8088b135a5290eb3ef2962692bb31d5eef0b", p["buildDefinition"]!["resolvedDependencies"]![1]!["digest"]!["sha256"]!.GetValue<string>());
        Assert.Equal("1.4.2", p["buildDefinition"]!["externalParameters"]!["version"]!.GetValue<string>());
        Assert.Equal("ghcr.io/acme", p["buildDefinition"]!["externalParameters"]!["parameters"]!["Registry"]!.GetValue<string>());
        Assert.Equal("https://github.com/acme/orders/actions/runs/7/attempts/1", p["runDetails"]!["metadata"]!["invocationId"]!.GetValue<string>());
        Assert.Equal("runner-1", p["runDetails"]!["builder"]!["version"]!["machine"]!.GetValue<string>());
        // SLSA's builder.version is a map of strings; resource descriptors carry no free-form content (cosign checks both).
        Assert.All(p["runDetails"]!["builder"]!["version"]!.AsObject(), kv => Assert.Equal(System.Text.Json.JsonValueKind.String, kv.Value!.GetValueKind()));
        Assert.DoesNotContain("content", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme-orders", false)]
    [InlineData("team/acme-orders", false)]
    [InlineData("localhost:5000/acme/acme-orders@sha256:6c2be7d0894b9e7de1baddec7c2e52c3f65cb35b1b7a77b1d3f04a885ff99191", true)]
    [InlineData("ghcr.io/acme/acme-orders:1.4.2", true)]
    public void An_image_parameter_with_a_tag_or_digest_is_a_reference_not_a_repository_name(string image, bool isReference) =>
        Assert.Equal(isReference, ImageNames.IsReference(image));

    [Fact]
    public void A_trivyignore_lists_its_ids_without_comments_or_expiry()
    {
        Assert.Equal(["CVE-2024-1", "CVE-2024-2"], TrivyIgnoreFile.Ids("# accepted\nCVE-2024-1 exp:2027-01-01\n\n  CVE-2024-2 # why\nCVE-2024-1\n"));
    }

    [Fact]
    public void The_nuget_feed_token_comes_from_the_parameter_then_the_CI_token_and_travels_in_the_environment()
    {
        var fromParameter = BuildSecret.NugetAuthToken("tok-param", new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_TOKEN"] = "gh" })!;
        Assert.Equal(("nuget_auth_token", "tok-param"), (fromParameter.Id, fromParameter.Value));
        Assert.Equal("id=nuget_auth_token,env=SLIPWAY_BUILD_SECRET_NUGET_AUTH_TOKEN", fromParameter.Argument);
        Assert.Equal("GITHUB_TOKEN", BuildSecret.NugetAuthToken(null, new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_TOKEN"] = "gh-token" })!.Source);
        Assert.Equal("CI_JOB_TOKEN", BuildSecret.NugetAuthToken(null, new Dictionary<string, string> { ["GITLAB_CI"] = "true", ["CI_JOB_TOKEN"] = "job-token" })!.Source);
        Assert.Null(BuildSecret.NugetAuthToken(null, new Dictionary<string, string> { ["GITHUB_TOKEN"] = "not on CI" }));
    }
}
