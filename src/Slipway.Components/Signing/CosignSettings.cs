namespace Slipway.Components.Signing;

/// <summary>
/// The command line of each <c>cosign sign</c> and <c>cosign attest</c> the Sign target runs (the signature, then the
/// SBOM, provenance and scan verdict attestations; Rescan's new verdict too), edited in <see cref="ISign.ConfigureCosign(CosignSettings)"/>;
/// <see cref="Subcommand"/> tells them apart. The key's password reaches cosign in <c>COSIGN_PASSWORD</c>, never as
/// an argument, and is masked in the log.
/// </summary>
/// <example><c>CosignSettings ISign.ConfigureCosign(CosignSettings s) => s.AddAnnotation("team", "orders");</c></example>
public sealed record CosignSettings : ToolSettings
{
    internal CosignSettings(string subcommand, string reference)
    {
        Subcommand = subcommand;
        Reference = reference;
    }

    /// <summary><c>sign</c> for the signature, <c>attest</c> for an attestation.</summary>
    public string Subcommand { get; }

    /// <summary>The image signed or attested, <c>repository@sha256:…</c>.</summary>
    public string Reference { get; }

    /// <summary>The private key (<c>--key</c>): a file, or a KMS URI such as <c>awskms:///alias/cosign</c>; null signs keyless.</summary>
    public string? Key { get; init; }

    /// <summary>The key's password, given to cosign in <c>COSIGN_PASSWORD</c> when set; never an argument, never shown.</summary>
    public string? Password { get; init; }

    /// <summary>Records the signature in the Rekor transparency log (<c>--tlog-upload</c>).</summary>
    public bool TransparencyLogUpload { get; init; }

    /// <summary>Replaces an existing attestation of the same type (<c>--replace</c>, attest only): a re-run does not pile them up.</summary>
    public bool Replace { get; init; }

    /// <summary>The attestation's predicate type (<c>--type</c>, attest only).</summary>
    public string? PredicateType { get; internal init; }

    /// <summary>The predicate file (<c>--predicate</c>, attest only).</summary>
    public string? Predicate { get; internal init; }

    /// <summary>Annotations added to the signature (<c>-a KEY=VALUE</c>, sign only), in order.</summary>
    public System.Collections.Immutable.ImmutableArray<KeyValuePair<string, string>> Annotations { get; init; } = [];

    /// <summary>Adds an annotation to the signature (<c>-a KEY=VALUE</c>); attestations carry none.</summary>
    public CosignSettings AddAnnotation(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return this with { Annotations = Annotations.Add(KeyValuePair.Create(key, value)) };
    }

    private protected override IEnumerable<string> RenderArguments()
    {
        var attest = Subcommand == "attest";
        yield return Subcommand;
        yield return "--yes";
        if (attest && Replace) yield return "--replace";
        if (Key is not null) yield return "--key=" + Key;
        yield return "--tlog-upload=" + (TransparencyLogUpload ? "true" : "false");
        if (!attest)
        {
            foreach (var (key, value) in Annotations) { yield return "-a"; yield return $"{key}={value}"; }
        }
        if (attest && PredicateType is not null) { yield return "--type"; yield return PredicateType; }
        if (attest && Predicate is not null) { yield return "--predicate"; yield return Predicate; }
        yield return Reference;
    }

    private protected override IEnumerable<string?> SecretValues() => [Password];
}
