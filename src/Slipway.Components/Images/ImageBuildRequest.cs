using Slipway.Components.Platforms;
using Slipway.Components.References;
using Slipway.IO;

namespace Slipway.Components.Images;

/// <summary>Everything one image build needs, given explicitly, so the build runs (and is tested) without the engine.</summary>
internal sealed record ImageBuildRequest
{
    /// <summary>The start of the tag every build is loaded under (<c>build-&lt;nonce&gt;</c>); never <c>latest</c>.</summary>
    public const string LocalTagPrefix = "build-";

    /// <summary>The Dockerfile.</summary>
    public required AbsolutePath Dockerfile { get; init; }

    /// <summary>The build context: the Dockerfile's directory, or the solution folder of a Visual Studio Dockerfile in its project's folder.</summary>
    public required AbsolutePath ContextDirectory { get; init; }

    /// <summary>The image repository name without registry or tag, e.g. <c>acme-orders</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The repository whose <c>buildcache-&lt;branch&gt;</c> tags hold the build cache (the push destination); null for a local cache.</summary>
    public ImageRepository? CacheRepository { get; init; }

    /// <summary>The SDK image passed as build argument <c>SDK_IMAGE</c>; null keeps the Dockerfile's default.</summary>
    public string? SdkImage { get; init; }

    /// <summary>The runtime image passed as build argument <c>RUNTIME_IMAGE</c>; null keeps the Dockerfile's default.</summary>
    public string? RuntimeImage { get; init; }

    /// <summary>Labels of the image, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    /// <summary>The branch being built, which names its registry cache; null when unknown (detached HEAD, tag build).</summary>
    public string? Branch { get; init; }

    /// <summary>The branch whose registry cache every other branch starts from.</summary>
    public string DefaultBranch { get; init; } = "main";

    /// <summary>The directory of the local build cache, used when no registry is configured.</summary>
    public required AbsolutePath LocalCacheDirectory { get; init; }

    /// <summary>
    /// The tag this build is loaded under, <c>build-&lt;12 hex digits&gt;</c>: new for every build, so two builds on one
    /// engine (two CI jobs on a shared runner) never load their images under the same name.
    /// </summary>
    public string LocalTag { get; init; } = LocalTagPrefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

    /// <summary>
    /// <c>SOURCE_DATE_EPOCH</c>: the commit's time in Unix seconds. BuildKit stamps the image config and history with it
    /// and rewrites newer file times in the image's layers to it, so one commit builds one digest. Null when unknown.
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>The BuildKit secrets the Dockerfile may mount (<c>RUN --mount=type=secret,id=…</c>); never in a layer or the cache.</summary>
    public IReadOnlyList<BuildSecret> Secrets { get; init; } = [];

    /// <summary>The platforms to build for; two or more make an OCI image index.</summary>
    public TargetPlatforms Platforms { get; init; } = TargetPlatforms.Default;

    /// <summary>
    /// The image this checkout's previous build loaded into the engine (from <c>artifacts/image.json</c>): while the engine
    /// still holds it under that name, a build with <c>--platforms</c> loads only the blobs it does not share. Null: load
    /// the whole image.
    /// </summary>
    public LoadedImage? PreviousImage { get; init; }

    /// <summary>Runs every step anew (<c>--no-cache</c>); the cache export still runs.</summary>
    public bool NoCache { get; init; }

    /// <summary>Edits the build's settings before the build runs (the component's typed <c>ConfigureDockerBuild</c> hook); unchanged by default.</summary>
    public Func<DockerBuildSettings, DockerBuildSettings> ConfigureSettings { get; init; } = settings => settings;

    /// <summary>Where the build writes its image tarball and BuildKit's metadata file before loading; default: beside the local cache.</summary>
    public AbsolutePath ScratchDirectory => LocalCacheDirectory.Parent ?? LocalCacheDirectory;

    /// <summary>BuildKit's metadata file of this build (<c>--metadata-file</c>): the image's manifest and config digests.</summary>
    public AbsolutePath MetadataFile => ScratchDirectory / $"{LocalTag}.metadata.json";

    /// <summary>The image tarball BuildKit exports (with rewritten timestamps) and the build loads into the engine (one-platform builds).</summary>
    public AbsolutePath ImageTarball => ScratchDirectory / $"{LocalTag}.tar";

    /// <summary>
    /// The OCI layout a build with <c>--platforms</c> exports into, <c>&lt;scratch&gt;/image-layout</c>: one for every build of
    /// the checkout, so BuildKit writes only the blobs it does not hold yet; each build then keeps only its own image there.
    /// The per-platform scans read it, and the engine loads the image from it.
    /// </summary>
    public AbsolutePath LayoutDirectory => LayoutDirectoryOf(ScratchDirectory);

    /// <summary>The OCI layout of the builds under <paramref name="scratchDirectory"/>.</summary>
    public static AbsolutePath LayoutDirectoryOf(AbsolutePath scratchDirectory)
    {
        ArgumentNullException.ThrowIfNull(scratchDirectory);
        return scratchDirectory / "image-layout";
    }

    /// <summary>The reference the built image is loaded under: <c>&lt;image&gt;:build-&lt;nonce&gt;</c>.</summary>
    public string LocalReference => $"{Image}:{LocalTag}";

    /// <summary>Fails with the fix when an input cannot work.</summary>
    public void Validate()
    {
        if (!Dockerfile.FileExists())
            throw new BuildFailedException($"No Dockerfile at {Dockerfile}. Add one, or pass --dockerfile <path> (its directory is the build context).");
        if (!ContextDirectory.DirectoryExists())
            throw new BuildFailedException($"The build context {ContextDirectory} of {Dockerfile} is not a directory. Fix the image's Context.");
        if (Image.Contains(':', StringComparison.Ordinal) || Image.Contains('@', StringComparison.Ordinal))
            throw new BuildFailedException($"--image '{Image}' carries a tag or digest. Give the repository name only (e.g. acme-orders): the build loads it as <image>:{LocalTagPrefix}<nonce> and Push adds the version tags.");
        if (!ImageRepository.IsPath(Image))
            throw new BuildFailedException($"--image '{Image}' is not a valid image name. Use lower-case letters, digits and single '.', '_' or '-' separators between '/'-separated parts, e.g. acme-orders.");
        CheckBaseImage(SdkImage, "--sdk-image");
        CheckBaseImage(RuntimeImage, "--runtime-image");
    }

    private static void CheckBaseImage(string? reference, string option)
    {
        if (reference is null) return;
        if (reference.Length == 0 || reference.Any(char.IsWhiteSpace))
            throw new BuildFailedException($"{option} '{reference}' is not an image reference. Give one pinned by digest, e.g. mcr.microsoft.com/dotnet/aspnet:10.0@sha256:<digest>.");
        if (string.Equals(ImageReference.Parse(reference).Tag, "latest", StringComparison.OrdinalIgnoreCase))
            throw new BuildFailedException($"{option} '{reference}' uses the moving tag 'latest'. Pin the base image by digest, e.g. <image>:<version>@sha256:<digest>.");
    }
}

/// <summary>An image a build loaded into the engine: the build's own reference and the image id it resolves to.</summary>
/// <param name="Reference">The build's reference, <c>&lt;image&gt;:build-&lt;nonce&gt;</c>.</param>
/// <param name="Id">The image id, in the containerd image store the digest of its index (or manifest).</param>
internal sealed record LoadedImage(string Reference, string Id)
{
    /// <summary>
    /// What a record's build left in the engine, when it came from an OCI layout (a build with <c>--platforms</c>) into the
    /// containerd image store, whose image id is the digest the layout names; null for any other record.
    /// </summary>
    public static LoadedImage? Of(ImageRecord? record) =>
        record is { Platforms.Count: > 0, LocalReference: { } reference } && record.ImageId != record.ConfigDigest ? new(reference, record.ImageId) : null;
}
