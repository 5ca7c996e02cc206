using System.Globalization;
using Slipway.Components.Versioning;

namespace Slipway.Components.Registry;

/// <summary>
/// The tags an image is pushed under. A release <c>X.Y.Z</c> gets <c>X.Y.Z</c>, <c>X.Y</c>, <c>X</c> (not a bare <c>0</c>)
/// and <c>sha-&lt;commit&gt;</c>; a pre-release gets its full SemVer as a tag and <c>sha-&lt;commit&gt;</c> only, so floating
/// tags never move to a pre-release.
/// </summary>
internal static class TagSet
{
    /// <summary>The tags for a version.</summary>
    public static IReadOnlyList<ImageTag> For(BuildVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var tags = new List<ImageTag>();
        if (version.IsPrerelease)
        {
            var prerelease = ImageTag.Sanitize(version.FullSemVer)
                ?? throw new BuildFailedException($"The version '{version.FullSemVer}' leaves no valid image tag. Check GitVersion's configuration.");
            tags.Add(new ImageTag(prerelease));
        }
        else
        {
            tags.Add(new ImageTag(version.MajorMinorPatch));
            tags.Add(new ImageTag(string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}")));
            if (version.Major > 0) tags.Add(new ImageTag(version.Major.ToString(CultureInfo.InvariantCulture)));
        }
        if (CommitTag(version.ShortSha ?? version.Sha) is { } commit) tags.Add(commit);
        return tags;
    }

    /// <summary>The one tag of an image built from uncommitted changes: <c>sha-&lt;commit&gt;-dirty</c>, never a version.</summary>
    public static IReadOnlyList<ImageTag> ForDirty(BuildVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var commit = CommitTag(version.ShortSha ?? version.Sha)
            ?? throw new BuildFailedException("The commit is unknown, so an image of uncommitted changes has no sha-<commit>-dirty tag. Commit the changes.");
        return [new ImageTag(commit.Value + Images.ImageRevision.DirtySuffix)];
    }

    /// <summary>
    /// The final check before anything is tagged or pushed, also over tags a build added: at least one tag, no duplicates,
    /// every tag valid. Throws <see cref="BuildFailedException"/> naming the offending tags.
    /// </summary>
    public static IReadOnlyList<ImageTag> Validate(IReadOnlyList<ImageTag>? tags)
    {
        if (tags is null || tags.Count == 0)
            throw new BuildFailedException("There are no tags to push. ConfigureTags must return at least one tag (e.g. the version).");
        var problems = new List<string>();
        if (tags.Any(t => t is null)) problems.Add("a null tag");
        foreach (var tag in tags.OfType<ImageTag>())
        {
            if (ImageTag.Problem(tag.Value) is { } problem) problems.Add(problem);
        }
        var duplicates = tags.OfType<ImageTag>().GroupBy(t => t.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) problems.Add("duplicate tags: " + string.Join(", ", duplicates));
        if (problems.Count > 0)
            throw new BuildFailedException("The tag list is refused, nothing was pushed: " + string.Join("; ", problems) + ". Fix ConfigureTags.");
        return tags;
    }

    private static ImageTag? CommitTag(string? sha)
    {
        if (sha is null || sha.Length < 7 || !sha[..7].All(char.IsAsciiHexDigit)) return null;
        return new ImageTag("sha-" + sha[..7].ToLowerInvariant());
    }
}
