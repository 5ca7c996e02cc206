using Slipway.Components.Versioning;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Signing;

/// <summary>
/// The signer of a run, decided once from the parameters before the first target runs (no tool runs for that), and its key
/// opened once (<c>cosign public-key</c>), from the start of the run, before anything is pushed.
/// </summary>
internal static class SigningSetup
{
    private static readonly PerBuild<System.Runtime.CompilerServices.StrongBox<CosignSigner?>> s_signers = new();
    private static readonly PerBuild<Task> s_keyChecks = new();

    /// <summary>
    /// The signer: keyless with <c>--sign-keyless</c>, the key of <c>--cosign-key</c> with its password, or null (unsigned).
    /// Throws naming the parameter and its variable when a key has no password, a password no key, or both ways are asked for.
    /// </summary>
    public static CosignSigner? Signer(ISign build) => s_signers.Get(build, () => new(Decide(build))).Value;

    /// <summary>
    /// Opens the signer's key with its password (once per run; every call returns the same task), so a wrong password stops
    /// the build before the push; nothing to open for keyless signing or none.
    /// </summary>
    public static Task KeyCheckedAsync(ISign build) => s_keyChecks.Get(build, () =>
        Signer(build) is { Keyless: false } signer ? CheckKeyAsync(signer) : Task.CompletedTask);

    private static async Task CheckKeyAsync(CosignSigner signer) => await Cosign.Find().CheckKeyAsync(signer, BuildCancellation.Token);

    private static CosignSigner? Decide(ISign build)
    {
        var key = build.CosignKey;
        var password = build.CosignPassword;
        if (build.SignKeyless)
        {
            if (key is not null)
                throw new BuildFailedException("Both --sign-keyless and --cosign-key (COSIGN_KEY) are given. Sign one way: drop --cosign-key for keyless signing, or --sign-keyless to sign with the key.");
            return new CosignSigner(null, null, Keyless: true, TransparencyLog: true);
        }
        if (key is null)
        {
            if (password is not null)
                throw new BuildFailedException("--cosign-password (COSIGN_PASSWORD) is given without a key. Pass the private key with --cosign-key (COSIGN_KEY): a path or the PEM text.");
            return null;
        }
        if (password is null)
            throw new BuildFailedException("--cosign-key (COSIGN_KEY) is given without its password. Pass --cosign-password (COSIGN_PASSWORD): the password cosign generate-key-pair asked for.");
        var file = CosignKeys.File(key, "--cosign-key (COSIGN_KEY)", build.RootDirectory, build.TemporaryDirectory, build.OnBuildFinished);
        return new CosignSigner(file, password, Keyless: false, build.CosignTransparencyLog);
    }

    /// <summary>What <see cref="Signer"/> decided, for the requirement check and the log.</summary>
    public static string Describe(ISign build) => Signer(build)?.Describe ?? "unsigned (no --cosign-key, no --sign-keyless)";

    /// <summary>The verifier for the run's public key: <c>--cosign-public-key</c> (a path or PEM text), else <c>cosign.pub</c> at the root; keyless without one.</summary>
    public static CosignVerifier Verifier(ISlipwayBuild build, string? publicKey, bool keyless, string? identity, string? issuer, bool transparencyLog)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (keyless) return new CosignVerifier(null, identity, issuer, TransparencyLog: true);
        if (publicKey is not null)
            return new CosignVerifier(CosignKeys.File(publicKey, "--cosign-public-key (COSIGN_PUBLIC_KEY)", build.RootDirectory, build.TemporaryDirectory, build.OnBuildFinished), null, null, transparencyLog);
        var standard = build.RootDirectory / "cosign.pub";
        if (!standard.FileExists())
            throw new BuildFailedException(
                "There is no public key to verify with: cosign.pub is not at the repository root and --cosign-public-key (COSIGN_PUBLIC_KEY) is not given. " +
                "Commit the cosign.pub that cosign generate-key-pair wrote, or pass its path or PEM text; for keyless signatures pass --verify-keyless.");
        return new CosignVerifier(standard, null, null, transparencyLog);
    }
}
