using Slipway.Logging;

namespace Slipway.Components.Images;

/// <summary>
/// A BuildKit secret of the image build: the Dockerfile reads it from <c>/run/secrets/&lt;id&gt;</c> in a
/// <c>RUN --mount=type=secret,id=&lt;id&gt;</c> step only, so it is in no layer, no build cache and no image. The value
/// reaches buildx through an environment variable of its process, never through an argument.
/// </summary>
/// <param name="Id">The secret's id in the Dockerfile, e.g. <c>nuget_auth_token</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Source">Where the value came from, for the log, e.g. <c>--nuget-auth-token</c> or <c>GITHUB_TOKEN</c>.</param>
internal sealed record BuildSecret(string Id, string Value, string Source)
{
    /// <summary>The id of the NuGet feed token: <c>RUN --mount=type=secret,id=nuget_auth_token</c>.</summary>
    public const string NugetAuthTokenId = "nuget_auth_token";

    /// <summary>The variable of the buildx process that carries the value (<c>--secret id=…,env=…</c>).</summary>
    public string EnvironmentVariable => "SLIPWAY_BUILD_SECRET_" + Id.ToUpperInvariant();

    /// <summary>The buildx argument: <c>id=&lt;id&gt;,env=&lt;variable&gt;</c>.</summary>
    public string Argument => $"id={Id},env={EnvironmentVariable}";

    /// <summary>
    /// The NuGet feed token: <c>--nuget-auth-token</c> (env <c>NUGET_AUTH_TOKEN</c>), else the CI's own token, which
    /// GitHub Packages (<c>GITHUB_TOKEN</c>) and GitLab's package registry (<c>CI_JOB_TOKEN</c>) accept; null when none.
    /// A token found in the environment is masked in the log like a secret parameter.
    /// </summary>
    public static BuildSecret? NugetAuthToken(string? parameter, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        var (value, source) = parameter is { Length: > 0 }
            ? (parameter, "--nuget-auth-token (NUGET_AUTH_TOKEN)")
            : Get("GITHUB_ACTIONS") is not null && Get("GITHUB_TOKEN") is { } github ? (github, "GITHUB_TOKEN")
            : Get("GITLAB_CI") is not null && Get("CI_JOB_TOKEN") is { } gitlab ? (gitlab, "CI_JOB_TOKEN")
            : (null, "");
        if (value is null) return null;
        SecretMasker.Register(value);
        return new BuildSecret(NugetAuthTokenId, value, source);
    }
}
