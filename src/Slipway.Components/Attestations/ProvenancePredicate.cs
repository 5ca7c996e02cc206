using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Components.Images;
using Slipway.Components.References;

namespace Slipway.Components.Attestations;

/// <summary>What the provenance of one published image says, gathered by the signing step.</summary>
internal sealed record ProvenanceInput
{
    public required ImageRecord Image { get; init; }
    public required BuildInvocation Invocation { get; init; }

    /// <summary>The source repository as a web address (GitHub's, GitLab's project URL or the <c>origin</c> remote); null when unknown.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The git ref built, e.g. <c>refs/tags/v1.4.2</c> or <c>refs/heads/main</c>; null when unknown.</summary>
    public string? SourceRef { get; init; }

    /// <summary>The Dockerfile, relative to the repository root.</summary>
    public required string Dockerfile { get; init; }

    /// <summary>The base image of every stage, as built (build arguments applied), pinned by digest where the Dockerfile pins them.</summary>
    public IReadOnlyList<string> BaseImages { get; init; } = [];

    /// <summary>The host the build ran on: the CI's name (<c>GitHub Actions</c>) or <c>terminal</c>.</summary>
    public required string HostName { get; init; }

    /// <summary>The machine's name.</summary>
    public required string MachineName { get; init; }

    /// <summary>The CI run's address, when on CI.</summary>
    public string? RunUrl { get; init; }

    /// <summary>Slipway's version.</summary>
    public required string SlipwayVersion { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }
}

/// <summary>
/// The SLSA v1 provenance predicate (<see cref="PredicateTypes.SlsaProvenance1"/>) of a published image: the source
/// repository, commit and version; the invocation (targets and the parameters given, no secret values); the base images
/// resolved to digests; the builder (host, machine, CI run).
/// </summary>
internal static class ProvenancePredicate
{
    public static JsonObject From(ProvenanceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var image = input.Image;
        var parameters = new JsonObject();
        foreach (var (name, value) in input.Invocation.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) parameters[name] = value;

        var dependencies = new JsonArray();
        if (image.Commit is { } commit)
        {
            var uri = input.SourceUrl is { } url ? $"git+{url}" + (input.SourceRef is { } r ? "@" + r : "") : "git+unknown";
            dependencies.Add(new JsonObject { ["uri"] = uri, ["digest"] = new JsonObject { ["gitCommit"] = commit } });
        }
        foreach (var baseImage in input.BaseImages) dependencies.Add(BaseImage(baseImage));

        return new JsonObject
        {
            ["buildDefinition"] = new JsonObject
            {
                ["buildType"] = PredicateTypes.PublishBuildType,
                ["externalParameters"] = new JsonObject
                {
                    ["targets"] = new JsonArray([.. input.Invocation.Targets.Select(t => (JsonNode)t)]),
                    ["parameters"] = parameters,
                    ["secretsGiven"] = new JsonArray([.. input.Invocation.SecretsGiven.Select(t => (JsonNode)t)]),
                    ["source"] = new JsonObject
                    {
                        ["repository"] = input.SourceUrl,
                        ["ref"] = input.SourceRef,
                        ["commit"] = image.Commit,
                    },
                    ["version"] = image.Version,
                },
                ["internalParameters"] = new JsonObject
                {
                    ["dockerfile"] = input.Dockerfile,
                    ["revision"] = image.Revision,
                    ["sourceDateEpoch"] = image.Created.ToUnixTimeSeconds(),
                    ["configDigest"] = image.ConfigDigest,
                },
                ["resolvedDependencies"] = dependencies,
            },
            ["runDetails"] = new JsonObject
            {
                ["builder"] = new JsonObject
                {
                    ["id"] = input.RunUrl is not null ? BuilderId(input.HostName) : $"{BuilderId(input.HostName)}?machine={Uri.EscapeDataString(input.MachineName)}",
                    // builder.version is a map of strings: Slipway's version, the host (CI) and the machine it ran on.
                    ["version"] = new JsonObject { ["slipway"] = input.SlipwayVersion, ["host"] = input.HostName, ["machine"] = input.MachineName },
                },
                ["metadata"] = new JsonObject
                {
                    ["invocationId"] = input.RunUrl,
                    ["startedOn"] = Time(input.Invocation.StartedAt),
                    ["finishedOn"] = Time(input.FinishedAt),
                },
            },
        };
    }

    // A base image as an SLSA resource descriptor: its reference, and its sha256 digest when pinned.
    private static JsonObject BaseImage(string reference)
    {
        var node = new JsonObject { ["uri"] = $"pkg:docker/{reference}", ["name"] = reference };
        if (ImageReference.TryParseLiteral(reference) is { HasSha256Digest: true, Digest: { } digest })
            node["digest"] = new JsonObject { ["sha256"] = digest["sha256:".Length..] };
        return node;
    }

    private static string BuilderId(string hostName) =>
        "https://slipway.dev/builders/" + new string([.. hostName.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')]);

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
