using System.Text;

namespace Slipway.Components.Registry;

/// <summary>
/// A tag an image is pushed under. Only valid OCI tags exist (<c>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</c>), and
/// <c>latest</c> is refused: a pushed image is referred to by version, commit or digest, never by a tag that moves silently.
/// </summary>
public sealed class ImageTag : IEquatable<ImageTag>
{
    /// <summary>The longest tag a registry accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>Makes a tag; throws <see cref="ArgumentException"/> naming the problem when the value is not a valid tag or is <c>latest</c>.</summary>
    public ImageTag(string value)
    {
        if (Problem(value) is { } problem) throw new ArgumentException(problem, nameof(value));
        Value = value;
    }

    /// <summary>The tag text.</summary>
    public string Value { get; }

    /// <summary>True for a tag that names one release exactly (<c>1.2.3</c>): it must never move to another digest.</summary>
    public bool IsExactVersion => IsStableVersion(Value);

    /// <summary>Why a value cannot be a tag, or null when it can.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "An image tag cannot be empty.";
        if (value.Equals("latest", StringComparison.OrdinalIgnoreCase))
            return "The tag 'latest' is refused: it moves silently and says nothing about what runs. Use the version, sha-<commit> or the digest.";
        if (value.Length > MaxLength) return $"The image tag '{value[..20]}…' is {value.Length} characters long; at most {MaxLength} are allowed.";
        if (!IsWordChar(value[0])) return $"The image tag '{value}' must start with a letter, digit or '_'.";
        foreach (var c in value)
        {
            if (!IsWordChar(c) && c is not '.' and not '-')
                return $"The image tag '{value}' contains '{c}'; only letters, digits, '_', '.' and '-' are allowed.";
        }
        return null;
    }

    /// <summary>
    /// Turns any text (a SemVer with <c>+</c>, a branch name with <c>/</c>, upper case, unicode) into a valid tag:
    /// lower case, runs of other characters become one <c>-</c>, trimmed to <see cref="MaxLength"/>. Returns null when nothing is left.
    /// </summary>
    internal static string? Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var tag = sb.ToString().TrimStart('.', '-');
        if (tag.Length > MaxLength) tag = tag[..MaxLength];
        tag = tag.TrimEnd('.', '-');
        return Problem(tag) is null ? tag : null;
    }

    internal static bool IsStableVersion(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(ImageTag? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ImageTag other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
