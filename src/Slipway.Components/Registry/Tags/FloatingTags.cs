using System.Globalization;
using Semver;

namespace Slipway.Components.Registry;

/// <summary>A floating tag (<c>X.Y</c> or <c>X</c>) that a push leaves where it is in the registry, and why.</summary>
/// <param name="Tag">The floating tag, e.g. <c>1</c>.</param>
/// <param name="StaysOn">The release it stays on, e.g. <c>1.2.4</c>; null when the registry's tags could not be listed.</param>
/// <param name="Reason">One sentence for the log, e.g. "1 stays on 1.2.4, the highest 1.x release; 1.1.9 is a hotfix of the older 1.1 line".</param>
internal sealed record KeptTag(ImageTag Tag, string? StaysOn, string Reason);

/// <summary>What a push does with the floating tags of a release, decided by <see cref="FloatingTags.Decide"/>.</summary>
/// <param name="Release">The version being pushed, e.g. <c>1.1.9</c>.</param>
/// <param name="Push">The tags to push, in the order given: every non-floating tag and the floating tags that move.</param>
/// <param name="Moved">The floating tags that move to this release (also in <paramref name="Push"/>).</param>
/// <param name="Kept">The floating tags that are not pushed, each with the reason.</param>
/// <param name="IgnoredNote">
/// A short note on the registry's tags that are not release versions and so were not compared
/// ("ignored 3 tags that are not release versions: stable, sha256-….sig, 1.2"), or null when there were none.
/// </param>
/// <param name="Warning">Set when the registry's tags could not be listed and the floating tags therefore stay unmoved.</param>
internal sealed record FloatingTagDecision(
    string Release,
    IReadOnlyList<ImageTag> Push,
    IReadOnlyList<ImageTag> Moved,
    IReadOnlyList<KeptTag> Kept,
    string? IgnoredNote,
    string? Warning)
{
    /// <summary>
    /// One line for the build summary, e.g. "moved 1.1 to 1.1.9; kept 1 on 1.2.4 (a newer 1.x release exists)".
    /// </summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            if (Moved.Count > 0) parts.Add($"moved {FloatingTags.Join(Moved.Select(t => t.Value))} to {Release}");
            foreach (var kept in Kept.Where(k => k.StaysOn is not null))
                parts.Add($"kept {kept.Tag} on {kept.StaysOn} (a newer {kept.Tag}.x release exists)");
            var unlisted = Kept.Where(k => k.StaysOn is null).Select(k => k.Tag.Value).ToList();
            if (unlisted.Count > 0) parts.Add($"left {FloatingTags.Join(unlisted)} unmoved (the registry's tags could not be listed)");
            return parts.Count == 0 ? "no floating tags to move" : string.Join("; ", parts);
        }
    }
}

/// <summary>
/// Floating tags never move backwards. A release <c>X.Y.Z</c> is pushed with <c>X.Y</c> and <c>X</c> (see <see cref="TagSet"/>);
/// <c>X.Y</c> moves only when the release is at least every <c>X.Y.*</c> release already in the registry, and <c>X</c> only when it
/// is at least every <c>X.*.*</c> one. So a hotfix 1.1.9, pushed while 1.2.4 exists, moves <c>1.1</c> and leaves <c>1</c> on 1.2.4.
/// </summary>
/// <remarks>
/// Only stable <c>X.Y.Z</c> tags in the registry count as releases, compared by SemVer precedence. Pre-releases, floating tags,
/// <c>sha-…</c>, cosign's <c>sha256-….sig</c> and other tags are ignored (and noted). A re-run of a release the registry already
/// holds still counts as the highest when nothing higher exists. When the registry's tags cannot be listed the floating tags stay
/// unmoved: moving them blindly could move them backwards. The policy is pure: it only decides, the caller lists and pushes.
/// </remarks>
internal static class FloatingTags
{
    private const int ListedIgnoredTags = 3;

    /// <summary>Decides which of <paramref name="tags"/> to push for <paramref name="releaseVersion"/>.</summary>
    /// <param name="tags">The tags the image is pushed under, e.g. <c>1.1.9</c>, <c>1.1</c>, <c>1</c>, <c>sha-0123abc</c>.</param>
    /// <param name="releaseVersion">The version being pushed, e.g. <c>1.1.9</c>; for a pre-release the tags are returned unchanged.</param>
    /// <param name="registryTags">The tags already in the repository (empty for a new repository); null when the registry refused to list them.</param>
    /// <param name="listingProblem">Why the tags could not be listed, for the warning, when <paramref name="registryTags"/> is null.</param>
    /// <exception cref="ArgumentException"><paramref name="releaseVersion"/> is not a semantic version.</exception>
    public static FloatingTagDecision Decide(IReadOnlyList<ImageTag> tags, string releaseVersion, IReadOnlyList<string>? registryTags, string? listingProblem)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(releaseVersion);
        if (!SemVersion.TryParse(releaseVersion, SemVersionStyles.Strict, out var release))
            throw new ArgumentException($"'{releaseVersion}' is not a semantic version such as 1.2.3.", nameof(releaseVersion));

        var all = tags.ToList().AsReadOnly();
        var minorTag = release.Major.ToString(CultureInfo.InvariantCulture) + "." + release.Minor.ToString(CultureInfo.InvariantCulture);
        var majorTag = release.Major.ToString(CultureInfo.InvariantCulture);
        List<ImageTag> floating = release.IsPrerelease ? [] : [.. all.Where(t => t.Value == minorTag || t.Value == majorTag)];
        if (floating.Count == 0) return new FloatingTagDecision(releaseVersion, all, [], [], null, null);

        var others = all.Where(t => !floating.Contains(t)).ToList();
        if (registryTags is null)
        {
            var names = Join(floating.Select(t => t.Value));
            var warning =
                $"The floating tag{(floating.Count == 1 ? "" : "s")} {names} {(floating.Count == 1 ? "was" : "were")} not moved to {releaseVersion}: " +
                $"the registry's tags could not be listed ({listingProblem ?? "no reason given"}), so it is unknown whether a newer release exists. " +
                "They stay where they were; push again once the registry answers.";
            var unmoved = floating.Select(t => new KeptTag(t, null, $"{t} was not moved: the registry's tags could not be listed")).ToList();
            return new FloatingTagDecision(releaseVersion, others.AsReadOnly(), [], unmoved.AsReadOnly(), null, warning);
        }

        var releases = new List<SemVersion>();
        var ignored = new List<string>();
        foreach (var tag in registryTags.Where(t => t is not null && !CosignTags.IsCosignTag(t)).Distinct(StringComparer.Ordinal))
        {
            if (SemVersion.TryParse(tag, SemVersionStyles.Strict, out var version) && version.IsRelease && version.Metadata.Length == 0)
                releases.Add(version);
            else
                ignored.Add(tag);
        }

        var moved = new List<ImageTag>();
        var kept = new List<KeptTag>();
        foreach (var tag in floating)
        {
            var isMinor = tag.Value == minorTag;
            var highest = releases
                .Where(v => v.Major == release.Major && (!isMinor || v.Minor == release.Minor))
                .Aggregate((SemVersion?)null, (max, v) => max is null || SemVersion.ComparePrecedence(v, max) > 0 ? v : max);
            if (highest is null || SemVersion.ComparePrecedence(release, highest) >= 0)
            {
                moved.Add(tag);
                continue;
            }
            var why = highest.Minor == release.Minor
                ? $"{release} is older"
                : $"{release} is a hotfix of the older {minorTag} line";
            kept.Add(new KeptTag(tag, highest.ToString(), $"{tag} stays on {highest}, the highest {tag}.x release; {why}"));
        }

        var push = all.Where(t => !floating.Contains(t) || moved.Contains(t)).ToList();
        return new FloatingTagDecision(releaseVersion, push.AsReadOnly(), moved.AsReadOnly(), kept.AsReadOnly(), IgnoredNote(ignored), null);
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    internal static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    private static string? IgnoredNote(List<string> ignored)
    {
        if (ignored.Count == 0) return null;
        var shown = string.Join(", ", ignored.Take(ListedIgnoredTags).Select(Abbreviate));
        var more = ignored.Count > ListedIgnoredTags ? $" and {ignored.Count - ListedIgnoredTags} more" : "";
        return ignored.Count == 1
            ? $"ignored 1 tag that is not a release version: {shown}"
            : $"ignored {ignored.Count} tags that are not release versions: {shown}{more}";
    }

    // cosign's sha256-<64 hex>.sig/.att/.sbom become "sha256-….sig"; any other long tag is cut.
    private static string Abbreviate(string tag)
    {
        const string digestPrefix = "sha256-";
        if (tag.StartsWith(digestPrefix, StringComparison.Ordinal) && tag.Length >= digestPrefix.Length + 64
            && tag.Substring(digestPrefix.Length, 64).All(char.IsAsciiHexDigit))
            return digestPrefix + "…" + tag[(digestPrefix.Length + 64)..];
        return tag.Length > 40 ? tag[..39] + "…" : tag;
    }
}
