using System.Text.Json;
using Slipway.IO;

namespace Slipway.Components.Images;

/// <summary>
/// What BuildKit's metadata file (<c>--metadata-file</c>) says of the image a build produced: the digest of its
/// manifest and of its config. The build itself wrote them, so no other build on the engine can change them. A
/// multi-platform build reports its image index: <see cref="ConfigDigest"/> is null, each platform has its own.
/// </summary>
internal sealed record BuildMetadata(string ManifestDigest, string? ConfigDigest)
{
    /// <summary>Reads the file; fails naming it when the build left no digests in it.</summary>
    public static BuildMetadata Read(AbsolutePath file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.FileExists())
            throw new BuildFailedException($"The build wrote no metadata file ({file}), so the image it built cannot be told apart from another build's. Use docker buildx 0.10 or newer.");
        return Parse(file.ReadAllText(), file);
    }

    internal static BuildMetadata Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var manifest = Text("containerimage.digest");
            var config = Text("containerimage.config.digest");
            if (IsDigest(manifest) && IsDigest(config)) return new BuildMetadata(manifest!, config!);
            var index = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("containerimage.descriptor", out var descriptor)
                && descriptor.TryGetProperty("mediaType", out var type) && type.GetString() == "application/vnd.oci.image.index.v1+json";
            if (index && IsDigest(manifest)) return new BuildMetadata(manifest!, null);
        }
        catch (JsonException)
        {
            // reported below
        }
        throw new BuildFailedException($"BuildKit's metadata file {source} has no containerimage.digest and containerimage.config.digest. Use docker buildx 0.10 or newer.");
    }

    private static bool IsDigest(string? value) =>
        value is { Length: 71 } && value.StartsWith("sha256:", StringComparison.Ordinal) && value[7..].All(char.IsAsciiHexDigitLower);
}
