using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Signing;

/// <summary>The outcome of a cosign check: passed, or why not in a sentence.</summary>
internal sealed record CosignCheck(bool Passed, string? Problem)
{
    public static CosignCheck Pass { get; } = new(true, null);
}

/// <summary>
/// The cosign client: signs and attests a digest, verifies signatures and attestations, and copies an image with its
/// evidence. Registry logins come from <c>DOCKER_CONFIG</c> (the run's private one); a registry without the OCI referrers
/// API gets cosign's tag fallback (<c>sha256-&lt;hex&gt;.sig</c> and <c>.att</c>). Immutable like <see cref="Docker.DockerCli"/>.
/// </summary>
internal sealed record Cosign(string Executable, ImmutableDictionary<string, string?> Environment)
{
    /// <summary>cosign from PATH; throws with the way to install it when it is not there.</summary>
    public static Cosign Find() =>
        new(Tool.Find("cosign") ?? throw new BuildFailedException(
            "Signing and verifying need cosign, which is not on PATH. Install cosign 2.x " +
            "(https://docs.sigstore.dev/cosign/system_config/installation/; on GitHub Actions the sigstore/cosign-installer action), then run the build again."),
            ImmutableDictionary<string, string?>.Empty);

    /// <summary>This client with one more environment variable for every command.</summary>
    public Cosign WithEnvironment(string name, string? value) => this with { Environment = Environment.SetItem(name, value) };

    /// <summary>Signs <paramref name="reference"/> (<c>repository@sha256:…</c>, never a tag).</summary>
    public Task SignAsync(string reference, CosignSigner signer, Func<CosignSettings, CosignSettings> configure, CancellationToken cancellationToken) =>
        RunSignerAsync(configure(SignSettings(reference, signer)), $"signing {reference}", cancellationToken);

    /// <summary>Attaches <paramref name="predicate"/> to <paramref name="reference"/> as a signed in-toto attestation of <paramref name="predicateType"/>.</summary>
    public Task AttestAsync(string reference, CosignSigner signer, string predicateType, AbsolutePath predicate,
        Func<CosignSettings, CosignSettings> configure, CancellationToken cancellationToken) =>
        RunSignerAsync(configure(AttestSettings(reference, signer, predicateType, predicate)), $"attesting {predicateType} for {reference}", cancellationToken);

    /// <summary>The settings of <c>cosign sign</c> before a build's hook edits them.</summary>
    public static CosignSettings SignSettings(string reference, CosignSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new CosignSettings("sign", reference)
        {
            Key = signer.Keyless ? null : signer.KeyFile?.ToString() ?? "",
            Password = signer.Keyless ? null : signer.Password ?? "",
            TransparencyLogUpload = signer.Keyless || signer.TransparencyLog,
        };
    }

    /// <summary>The settings of <c>cosign attest --replace</c> before a build's hook edits them.</summary>
    public static CosignSettings AttestSettings(string reference, CosignSigner signer, string predicateType, AbsolutePath predicate) =>
        new CosignSettings("attest", reference)
        {
            Replace = true,
            PredicateType = Attestations.PredicateTypes.CosignType(predicateType),
            Predicate = predicate,
        } with
        {
            Key = SignSettings(reference, signer).Key,
            Password = SignSettings(reference, signer).Password,
            TransparencyLogUpload = SignSettings(reference, signer).TransparencyLogUpload,
        };

    /// <summary>Opens the signer's key with its password (<c>cosign public-key</c>); throws, stating cosign's refusal, when it cannot.</summary>
    public Task CheckKeyAsync(CosignSigner signer, CancellationToken cancellationToken) =>
        signer.Keyless ? Task.CompletedTask : RunSignerAsync(["public-key", "--key=" + signer.KeyFile?.ToString()], signer.Password ?? "", "opening the signing key", cancellationToken);

    /// <summary>Checks the signature of <paramref name="reference"/>.</summary>
    public async Task<CosignCheck> VerifyAsync(string reference, CosignVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await Command(["verify", .. VerifierArguments(verifier), reference]).ExecuteAsync(cancellationToken);
        return result.ExitCode == 0 ? CosignCheck.Pass : new CosignCheck(false, Refusal(result));
    }

    /// <summary>The verified in-toto statements of <paramref name="predicateType"/> attached to <paramref name="reference"/>, or why there are none.</summary>
    public async Task<(IReadOnlyList<JsonObject> Statements, CosignCheck Check)> VerifyAttestationsAsync(string reference, CosignVerifier verifier, string predicateType, CancellationToken cancellationToken)
    {
        var result = await Command(["verify-attestation", .. VerifierArguments(verifier), "--type", Attestations.PredicateTypes.CosignType(predicateType), reference])
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0) return ([], new CosignCheck(false, Refusal(result)));
        var statements = new List<JsonObject>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (JsonNode.Parse(line) is not JsonObject envelope || envelope["payload"]?.GetValue<string>() is not { } payload) continue;
            if (JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))) is JsonObject statement) statements.Add(statement);
        }
        return (statements, CosignCheck.Pass);
    }

    /// <summary>Copies the image <paramref name="source"/> (<c>repository@digest</c>) with its signatures and attestations to <paramref name="destination"/> (<c>repository@digest</c>).</summary>
    public async Task<CosignCheck> CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var result = await Command(["copy", source, destination]).ExecuteAsync(cancellationToken);
        return result.ExitCode == 0 ? CosignCheck.Pass : new CosignCheck(false, Refusal(result));
    }

    private ToolCommand Command(IEnumerable<string> arguments)
    {
        var command = Tool.Of(Executable).WithArguments(arguments).WithOutputLogging(false).WithExitCodeValidation(false)
            .WithTimeout(TimeSpan.FromMinutes(10));
        foreach (var (name, value) in Environment) command = command.WithEnvironment(name, value);
        return command;
    }

    private Task RunSignerAsync(CosignSettings settings, string what, CancellationToken cancellationToken) =>
        RunSignerAsync(settings.ToArguments(), settings.Password, what, cancellationToken);

    private async Task RunSignerAsync(IEnumerable<string> arguments, string? password, string what, CancellationToken cancellationToken)
    {
        var command = Command(arguments);
        // cosign reads the key's password from COSIGN_PASSWORD; never from a terminal prompt in a build.
        if (password is not null) command = command.WithEnvironment("COSIGN_PASSWORD", password).WithSecret(password);
        var result = await command.ExecuteAsync(cancellationToken);
        if (result.ExitCode == 0) return;
        var refusal = Refusal(result);
        if (refusal.Contains("decrypt", StringComparison.OrdinalIgnoreCase))
            throw new BuildFailedException(
                $"cosign refused the password for the signing key while {what}: {refusal}. The password in --cosign-password (COSIGN_PASSWORD) " +
                "is not the one the key --cosign-key (COSIGN_KEY) was generated with; give the right one.");
        throw new BuildFailedException($"cosign failed while {what} (exit code {result.ExitCode}): {refusal}");
    }

    private static IEnumerable<string> VerifierArguments(CosignVerifier verifier)
    {
        if (verifier.PublicKey is { } key) yield return "--key=" + key;
        else
        {
            yield return "--certificate-identity-regexp=" + (verifier.CertificateIdentity ?? ".+");
            yield return "--certificate-oidc-issuer=" + (verifier.CertificateOidcIssuer ?? "https://token.actions.githubusercontent.com");
        }
        if (verifier.PublicKey is not null && !verifier.TransparencyLog) yield return "--insecure-ignore-tlog=true";
    }

    // cosign's own words, without its usage text and warnings: the lines starting with "Error:", else the last line.
    private static string Refusal(ToolResult result)
    {
        var lines = result.Output.Select(l => l.Text.Trim()).Where(l => l.Length > 0 && !l.StartsWith("WARNING", StringComparison.Ordinal)).ToList();
        var errors = lines.Where(l => l.StartsWith("Error:", StringComparison.Ordinal)).Select(l => l["Error:".Length..].Trim()).ToList();
        return errors.Count > 0 ? string.Join(" ", errors) : lines.LastOrDefault() ?? $"exit code {result.ExitCode}";
    }
}
