using System.Text;

namespace Slipway.Components;

/// <summary>Naming helpers shared by the container components.</summary>
internal static class ImageNames
{
    /// <summary>
    /// True when <c>--image</c> holds a whole reference (with a tag or a digest) rather than a repository name: Verify,
    /// Promote and Rescan take a published digest that way, and then log in to no destination of their own.
    /// </summary>
    public static bool IsReference(string image) =>
        image.Contains('@', StringComparison.Ordinal) || image.Contains(':', StringComparison.Ordinal);

    /// <summary><c>Acme.Orders</c> → <c>acme-orders</c>: lower case, runs of other characters become one dash.</summary>
    public static string ToKebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && char.IsAsciiLetterLower(name[i - 1])) sb.Append('-');
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }
}
