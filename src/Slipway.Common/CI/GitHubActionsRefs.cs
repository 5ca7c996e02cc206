namespace Slipway.CI;

/// <summary>The refs a workflow publishes from, as GitHub expressions over <c>github.ref</c>.</summary>
internal static class GitHubActionsRefs
{
    /// <summary>
    /// An expression true for a tag of <see cref="GitHubActionsAttribute.OnPushTags"/> (a <c>prefix*</c> pattern or an exact
    /// name), or null when the workflow has no tag trigger.
    /// </summary>
    public static string? ReleaseTags(GitHubActionsAttribute w)
    {
        if (w.OnPushTags.Length == 0) return null;
        return string.Join(" || ", w.OnPushTags.Select(pattern =>
        {
            var prefix = pattern.EndsWith('*') ? pattern[..^1] : pattern;
            if (prefix.IndexOfAny(['*', '?', '[', '!', '+', '\'']) >= 0)
            {
                throw new BuildUsageException(
                    $"[GitHubActions(\"{w.Name}\")] OnPushTags '{pattern}': the publishing guard understands a tag name or a prefix ending in one '*' " +
                    "(e.g. 'v*'); write the tags that way.");
            }
            return pattern.EndsWith('*') ? $"startsWith(github.ref, 'refs/tags/{prefix}')" : $"github.ref == 'refs/tags/{prefix}'";
        }));
    }
}
