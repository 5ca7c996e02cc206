using System.Collections.Immutable;

namespace Slipway.Logging;

/// <summary>Replaces registered secret values with <c>****</c> in any text the engine prints.</summary>
public static class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "****";

    private static ImmutableArray<string> s_secrets = [];

    /// <summary>
    /// Registers a value to be masked from now on, and each line of a multi-line value. Values shorter than 3 characters
    /// are ignored (they would mask ordinary words).
    /// </summary>
    public static void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 3) return;
        // A multi-line secret (a PEM key) can reach the log a line at a time: each line is masked too.
        if (secret.Contains('\n', StringComparison.Ordinal))
            foreach (var line in secret.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) Register(line);
        var added = false;
        ImmutableInterlocked.Update(ref s_secrets, list =>
        {
            added = !list.Contains(secret);
            return added ? list.Add(secret).Sort((a, b) => b.Length.CompareTo(a.Length)) : list;
        });
        if (added) Registered?.Invoke(secret);
    }

    /// <summary>Raised for each newly registered secret (the host registers it with its own masking).</summary>
    internal static event Action<string>? Registered;

    /// <summary>The text with every registered secret replaced by <see cref="Mask"/>.</summary>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var secrets = s_secrets;
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    internal static ImmutableArray<string> All => s_secrets;

    internal static void Reset() => s_secrets = [];
}
