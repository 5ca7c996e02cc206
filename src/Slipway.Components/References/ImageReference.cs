using System.Text.RegularExpressions;

namespace Slipway.Components.References;

/// <summary>
/// An image reference as written (<c>mcr.microsoft.com/dotnet/aspnet:10.0@sha256:…</c>): its name, tag and digest, and
/// the registry repository the name denotes (Docker Hub's defaults applied: <c>alpine</c> is <c>docker.io/library/alpine</c>).
/// The one parser of image references: the lint, the base-image pinning, the build's base-image options and the push use it.
/// </summary>
/// <param name="Text">The reference as written.</param>
/// <param name="Name">The name without tag and digest, e.g. <c>mcr.microsoft.com/dotnet/aspnet</c>.</param>
/// <param name="Tag">The tag, or null.</param>
/// <param name="Digest">The digest after <c>@</c> as written (any algorithm), or null.</param>
internal sealed partial record ImageReference(string Text, string Name, string? Tag, string? Digest)
{
    /// <summary>Splits a reference into name, tag and digest; never fails (the lint reports what is wrong with the parts).</summary>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var digest = at >= 0 ? text[(at + 1)..] : null;
        var name = at >= 0 ? text[..at] : text;
        var colon = name.LastIndexOf(':');
        var tag = colon > name.LastIndexOf('/') ? name[(colon + 1)..] : null;
        return new ImageReference(text, tag is null ? name : name[..colon], tag, digest);
    }

    /// <summary>
    /// A literal reference a registry can answer for: no variable, not a stage or <c>scratch</c>, a valid tag (or
    /// <c>latest</c>), a sha256 digest if any, and a valid repository. Null otherwise.
    /// </summary>
    public static ImageReference? TryParseLiteral(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Contains('$', StringComparison.Ordinal) || text == "scratch") return null;
        var reference = Parse(text);
        if (reference.Digest is not null && !reference.HasSha256Digest) return null;
        if (reference.Tag is { } tag && !TagPattern().IsMatch(tag)) return null;
        return reference.Repository is null ? null : reference;
    }

    /// <summary>The registry repository the name denotes, or null when the name is not a valid repository.</summary>
    public ImageRepository? Repository
    {
        get
        {
            var slash = Name.IndexOf('/', StringComparison.Ordinal);
            var first = slash < 0 ? "" : Name[..slash];
            var explicitHost = slash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
            var host = explicitHost ? first : ImageRepository.DockerHub;
            var path = explicitHost ? Name[(slash + 1)..] : Name;
            if (host == ImageRepository.DockerHub && !path.Contains('/', StringComparison.Ordinal)) path = "library/" + path;
            return ImageRepository.IsHost(host) && ImageRepository.IsPath(path) ? ImageRepository.Of(host, path) : null;
        }
    }

    /// <summary>True when the digest is <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public bool HasSha256Digest => Digest is not null && Sha256Digest().IsMatch(Digest);

    /// <summary>True for the .NET SDK image (<c>…/dotnet/sdk</c>, nightly included), which has no place in a final stage.</summary>
    public bool IsDotnetSdk
    {
        get
        {
            var path = Name.ToLowerInvariant();
            return path.EndsWith("/sdk", StringComparison.Ordinal) &&
                   (path == "dotnet/sdk" || path.EndsWith("dotnet/sdk", StringComparison.Ordinal) || path.EndsWith("dotnet/nightly/sdk", StringComparison.Ordinal));
        }
    }

    /// <summary>The reference as written, with its digest replaced (or added).</summary>
    public string WithDigest(string digest)
    {
        var at = Text.IndexOf('@', StringComparison.Ordinal);
        return (at < 0 ? Text : Text[..at]) + "@" + digest;
    }

    /// <summary>The name with another tag and a digest: <c>sdk:10.0.401-noble@sha256:a</c> → <c>sdk:10.0.402-noble@sha256:b</c>.</summary>
    public string WithTagAndDigest(string tag, string digest) => $"{Name}:{tag}@{digest}";

    // The OCI distribution spec's tag grammar.
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256Digest();
}
