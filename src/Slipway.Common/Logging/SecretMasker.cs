using Slipway.RunState;

namespace Slipway.Logging;

/// <summary>
/// Replaces the run's secret values with <c>****</c> in any text the engine prints. The secrets belong to the run
/// (<see cref="CurrentRun"/>) of the calling flow: a secret of one build is never masked, nor known, in another.
/// </summary>
public static class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "****";

    /// <summary>
    /// Registers a value to be masked from now on in this run, and each line of a multi-line value. Values shorter than 3
    /// characters are ignored (they would mask ordinary words). Outside a run nothing is printed, so nothing is kept.
    /// </summary>
    public static void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 3 || CurrentRun.Value is not { } run) return;
        // A multi-line secret (a PEM key) can reach the log a line at a time: each line is masked too.
        if (secret.Contains('\n', StringComparison.Ordinal))
            foreach (var line in secret.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) Register(line);
        run.AddSecret(secret);
    }

    /// <summary>The text with every secret registered in this run replaced by <see cref="Mask"/>.</summary>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CurrentRun.Value?.Mask(text) ?? text;
    }
}
