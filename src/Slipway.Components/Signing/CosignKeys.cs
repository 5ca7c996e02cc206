using Slipway.IO;

namespace Slipway.Components.Signing;

/// <summary>How images are signed: with a private key (and its password), keyless with the CI's OIDC identity, or not at all.</summary>
/// <param name="KeyFile">The private key file cosign reads; null for keyless.</param>
/// <param name="Password">The key's password (cosign reads it from <c>COSIGN_PASSWORD</c>).</param>
/// <param name="Keyless">Keyless signing: a Fulcio certificate for the CI's OIDC identity, recorded in Rekor.</param>
/// <param name="TransparencyLog">Record the signature in the Rekor transparency log (always for keyless).</param>
internal sealed record CosignSigner(AbsolutePath? KeyFile, string? Password, bool Keyless, bool TransparencyLog)
{
    /// <summary>"key cosign.key" or "keyless (the CI's OIDC identity)", for messages.</summary>
    public string Describe => Keyless ? "keyless (the CI's OIDC identity)" : $"the key from --cosign-key (COSIGN_KEY)";
}

/// <summary>What a signature is checked against: a public key, or the keyless identity and its issuer.</summary>
internal sealed record CosignVerifier(AbsolutePath? PublicKey, string? CertificateIdentity, string? CertificateOidcIssuer, bool TransparencyLog);

/// <summary>Turns the key parameters into files cosign can read: a path is used as it is, PEM text goes to a private temporary file.</summary>
internal static class CosignKeys
{
    /// <summary>
    /// The key file for <paramref name="value"/>: the PEM text written to a file only this user can read (deleted when
    /// the build finishes), or the path (relative to <paramref name="root"/>); throws naming <paramref name="parameter"/>
    /// when the path does not exist.
    /// </summary>
    public static AbsolutePath File(string value, string parameter, AbsolutePath root, AbsolutePath temporary, Action<Action> onBuildFinished)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(onBuildFinished);
        if (value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var directory = (temporary / "cosign").CreateDirectory();
            var file = directory / $"{Guid.NewGuid():N}.pem";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(file, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(value.Replace("\\n", "\n", StringComparison.Ordinal).Trim() + "\n");
            }
            onBuildFinished(() => System.IO.File.Delete(file));
            return file;
        }
        var path = Path.IsPathRooted(value) ? AbsolutePath.Create(value) : root / value;
        if (!path.FileExists())
            throw new BuildFailedException($"{parameter} '{value}' is neither a key file that exists nor PEM text. Give the path of the key cosign generate-key-pair wrote, or its PEM text.");
        return path;
    }
}
