using System.Collections.Immutable;

namespace Slipway.Components.Images;

/// <summary>
/// The image build's command line: <c>docker buildx build</c> (or <c>docker build</c> without buildx), edited in
/// <see cref="IDockerBuild.ConfigureDockerBuild(DockerBuildSettings)"/>. What Slipway reads back after the build
/// (progress format, output, metadata file, the image's own name) can be read here but not changed.
/// </summary>
/// <example><c>DockerBuildSettings IDockerBuild.ConfigureDockerBuild(DockerBuildSettings s) => s.AddBuildArgument("APP_FLAVOUR", "lite");</c></example>
public sealed record DockerBuildSettings : ToolSettings
{
    internal DockerBuildSettings()
    {
    }

    /// <summary>True for <c>docker buildx build</c>, false for the classic <c>docker build</c> (no buildx installed).</summary>
    public bool Buildx { get; internal init; }

    /// <summary>The buildx builder (<c>--builder</c>); null for buildx's current one.</summary>
    public string? Builder { get; internal init; }

    /// <summary>The progress format (<c>--progress</c>): <c>rawjson</c> with buildx, <c>plain</c> without; Slipway reads it.</summary>
    public string Progress { get; internal init; } = "rawjson";

    /// <summary>Whether buildx attaches a provenance attestation (<c>--provenance</c>); null passes nothing. Slipway attests provenance with cosign instead.</summary>
    public bool? Provenance { get; internal init; }

    /// <summary>BuildKit's metadata file (<c>--metadata-file</c>), which Slipway reads the image's digests from.</summary>
    public string? MetadataFile { get; internal init; }

    /// <summary>The export (<c>--output</c>): the tarball or OCI layout Slipway loads into the engine.</summary>
    public string? Output { get; internal init; }

    /// <summary>The Dockerfile (<c>--file</c>).</summary>
    public required string Dockerfile { get; init; }

    /// <summary>The platforms to build for (<c>--platform</c>, comma-separated); null for the engine's own.</summary>
    public string? Platform { get; internal init; }

    /// <summary>The name the classic build tags its image with (<c>--tag</c>); null with buildx, which names it in <see cref="Output"/>.</summary>
    public string? Tag { get; internal init; }

    /// <summary>Runs every step anew (<c>--no-cache</c>).</summary>
    public bool NoCache { get; init; }

    /// <summary>The build arguments (<c>--build-arg NAME=VALUE</c>), in order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> BuildArguments { get; init; } = [];

    /// <summary>The image's labels (<c>--label KEY=VALUE</c>), in order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>
    /// The BuildKit secrets (<c>--secret id=ID,env=VARIABLE</c>, buildx only), each with the value its variable carries
    /// into the buildx process. Values are never arguments and are masked in the log.
    /// </summary>
    public ImmutableArray<DockerBuildSecret> Secrets { get; init; } = [];

    /// <summary>The build caches to import (<c>--cache-from</c>, buildx only).</summary>
    public ImmutableArray<string> CacheFrom { get; init; } = [];

    /// <summary>The build cache to export (<c>--cache-to</c>, buildx only); null exports none.</summary>
    public string? CacheTo { get; init; }

    /// <summary>The build context directory, the last argument.</summary>
    public required string ContextDirectory { get; init; }

    /// <summary>Adds a build argument, or replaces the value of the one with that name.</summary>
    public DockerBuildSettings AddBuildArgument(string name, string value) => this with { BuildArguments = Set(BuildArguments, name, value) };

    /// <summary>Adds a label, or replaces the value of the one with that key.</summary>
    public DockerBuildSettings AddLabel(string key, string value) => this with { Labels = Set(Labels, key, value) };

    /// <summary>Adds a BuildKit secret the Dockerfile mounts with <c>RUN --mount=type=secret,id=<paramref name="id"/></c>.</summary>
    public DockerBuildSettings AddSecret(string id, string value) => this with { Secrets = Secrets.Add(new DockerBuildSecret(id, value)) };

    private protected override IEnumerable<string> RenderArguments()
    {
        if (Buildx)
        {
            yield return "buildx";
            yield return "build";
            if (Builder is not null) { yield return "--builder"; yield return Builder; }
            yield return "--progress=" + Progress;
            if (Provenance is { } provenance) yield return "--provenance=" + (provenance ? "true" : "false");
            if (MetadataFile is not null) { yield return "--metadata-file"; yield return MetadataFile; }
            if (Output is not null) { yield return "--output"; yield return Output; }
            yield return "--file";
            yield return Dockerfile;
            if (Platform is not null) { yield return "--platform"; yield return Platform; }
        }
        else
        {
            yield return "build";
            yield return "--progress=" + Progress;
            yield return "--file";
            yield return Dockerfile;
            if (Tag is not null) { yield return "--tag"; yield return Tag; }
        }

        if (NoCache) yield return "--no-cache";
        foreach (var (name, value) in BuildArguments) { yield return "--build-arg"; yield return $"{name}={value}"; }
        foreach (var (key, value) in Labels) { yield return "--label"; yield return $"{key}={value}"; }
        if (Buildx)
        {
            foreach (var secret in Secrets) { yield return "--secret"; yield return secret.Argument; }
            foreach (var from in CacheFrom) { yield return "--cache-from"; yield return from; }
            if (CacheTo is not null) { yield return "--cache-to"; yield return CacheTo; }
        }
        yield return ContextDirectory;
    }

    private static ImmutableArray<KeyValuePair<string, string>> Set(ImmutableArray<KeyValuePair<string, string>> pairs, string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        var index = pairs.Select((p, i) => (Key: p.Key, Index: i)).FirstOrDefault(p => p.Key == key, (Key: key, Index: -1)).Index;
        return index >= 0 ? pairs.SetItem(index, KeyValuePair.Create(key, value)) : pairs.Add(KeyValuePair.Create(key, value));
    }

    private protected override IEnumerable<string?> SecretValues() => Secrets.Select(s => s.Value);
}

/// <summary>A BuildKit secret of the image build: its id in the Dockerfile and its value, which reaches buildx in an environment variable.</summary>
/// <param name="Id">The id, e.g. <c>npm_token</c> for <c>RUN --mount=type=secret,id=npm_token</c>.</param>
/// <param name="Value">The value; masked in the log and never shown by <see cref="ToString"/>.</param>
public sealed record DockerBuildSecret(string Id, string Value)
{
    /// <summary>The variable of the buildx process that carries the value.</summary>
    public string EnvironmentVariable => "SLIPWAY_BUILD_SECRET_" + Id.ToUpperInvariant();

    /// <summary>The buildx argument: <c>id=ID,env=VARIABLE</c>.</summary>
    public string Argument => $"id={Id},env={EnvironmentVariable}";

    /// <summary>The id, with the value masked.</summary>
    public override string ToString() => $"{Id}={Logging.SecretMasker.Mask}";
}
