using System.Text.RegularExpressions;
using Slipway.Components.References;

namespace Slipway.Components.Registry;

/// <summary>
/// Pinned image references in any text file (a CI file, a build script): <c>name:tag@sha256:…</c> with the name and tag of
/// a Dockerfile's base image, whatever digest it has, is replaced by the Dockerfile's new pin. References of other
/// images, other tags or without a digest are left as they are.
/// </summary>
internal static class PinnedReferences
{
    /// <summary>The text with each pin of <c>Old</c>'s name and tag replaced by <c>New</c>.</summary>
    public static string Replace(string text, IEnumerable<(ImageReference Old, string New)> pins)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pins);
        foreach (var (old, replacement) in pins)
        {
            if (old.Tag is null) continue;
            // Not preceded by a character of a longer name, not followed by more hex digits.
            var pattern = $@"(?<![A-Za-z0-9._/-]){Regex.Escape(old.Name)}:{Regex.Escape(old.Tag)}@sha256:[0-9a-f]{{64}}(?![0-9a-f])";
            text = Regex.Replace(text, pattern, replacement.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        return text;
    }
}
