using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>An image reference split into repository, tag and digest: <c>[registry/]path[:tag][@digest]</c>.</summary>
/// <param name="Repository">Registry and path, e.g. <c>mcr.microsoft.com/dotnet/aspnet</c>.</param>
/// <param name="Tag">The tag, or null when none is given.</param>
/// <param name="Digest">The digest after <c>@</c>, or null when none is given.</param>
internal sealed partial record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>Splits a reference. A <c>:</c> after the last <c>/</c> starts the tag (a registry port comes before it).</summary>
    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var digest = at >= 0 ? reference[(at + 1)..] : null;
        var name = at >= 0 ? reference[..at] : reference;
        var colon = name.LastIndexOf(':');
        var tag = colon > name.LastIndexOf('/') ? name[(colon + 1)..] : null;
        return new ImageReference(tag is null ? name : name[..colon], tag, digest);
    }

    /// <summary>True when the digest is <c>sha256:</c> followed by 64 lower-case hex digits.</summary>
    public bool HasSha256Digest => Digest is not null && Sha256Digest().IsMatch(Digest);

    /// <summary>True for a .NET SDK image: a repository path ending in <c>dotnet/sdk</c> (also <c>dotnet/nightly/sdk</c>).</summary>
    public bool IsDotnetSdk
    {
        get
        {
            var path = Repository.ToLowerInvariant();
            return path.EndsWith("/sdk", StringComparison.Ordinal) &&
                   (path == "dotnet/sdk" || path.EndsWith("dotnet/sdk", StringComparison.Ordinal) || path.EndsWith("dotnet/nightly/sdk", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256Digest();
}
