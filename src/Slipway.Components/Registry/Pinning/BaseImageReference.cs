namespace Slipway.Components.Registry;

/// <summary>
/// A base image as written in a Dockerfile, e.g. <c>mcr.microsoft.com/dotnet/aspnet:10.0@sha256:…</c>, with the registry
/// repository it names (Docker Hub's defaults applied: <c>alpine</c> is <c>docker.io/library/alpine</c>).
/// </summary>
internal sealed record BaseImageReference
{
    /// <summary>The reference as written.</summary>
    public required string Text { get; init; }

    /// <summary>The repository it names.</summary>
    public required ImageRepository Repository { get; init; }

    /// <summary>The tag, or null when only a digest is given.</summary>
    public string? Tag { get; init; }

    /// <summary>The pinned digest, or null when unpinned.</summary>
    public string? Digest { get; init; }

    /// <summary>The reference as written, with its digest replaced (or added).</summary>
    public string WithDigest(string digest)
    {
        var at = Text.IndexOf('@', StringComparison.Ordinal);
        return (at < 0 ? Text : Text[..at]) + "@" + digest;
    }

    /// <summary>Reads a reference, or returns null when the text is not a literal image reference (variables, stage names, scratch).</summary>
    public static BaseImageReference? TryParse(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Contains('$', StringComparison.Ordinal) || text == "scratch") return null;
        var name = text;
        string? digest = null;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = name[(at + 1)..];
            name = name[..at];
            if (!IsDigest(digest)) return null;
        }
        string? tag = null;
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
            if (ImageTag.Problem(tag) is not null && !tag.Equals("latest", StringComparison.Ordinal)) return null;
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : name[..slash];
        var explicitHost = slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        var host = explicitHost ? first : ImageRepository.DockerHub;
        var path = explicitHost ? name[(slash + 1)..] : name;
        if (host == ImageRepository.DockerHub && !path.Contains('/', StringComparison.Ordinal)) path = "library/" + path;
        if (!ImageRepository.IsHost(host) || !ImageRepository.IsPath(path)) return null;
        return new BaseImageReference { Text = text, Repository = ImageRepository.Of(host, path), Tag = tag, Digest = digest };
    }

    private static bool IsDigest(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 && digest[7..].All(char.IsAsciiHexDigitLower);
}
