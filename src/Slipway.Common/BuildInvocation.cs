namespace Slipway;

/// <summary>
/// How the run was invoked, as evidence can record it (an SLSA provenance's invocation): the targets asked for and
/// every parameter that was given a value, with where it came from. Secret parameters are left out, value and name alike
/// show only that they were set.
/// </summary>
public sealed record BuildInvocation
{
    /// <summary>The targets named on the command line, or the default target when none was named.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Parameters given a value (command line, environment or parameters file), by name; secrets are not here.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The names of the secret parameters that were given a value; their values are never recorded.</summary>
    public required IReadOnlyList<string> SecretsGiven { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }
}
