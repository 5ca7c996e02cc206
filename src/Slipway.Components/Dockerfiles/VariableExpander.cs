using System.Text;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// Substitutes <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME-default}</c>, <c>${NAME:+alt}</c> and
/// <c>${NAME+alt}</c> as Docker does in <c>FROM</c>, <c>WORKDIR</c>, <c>USER</c>, <c>ENV</c> and <c>ARG</c>.
/// The escape character before <c>$</c> keeps it literal.
/// </summary>
internal static class VariableExpander
{
    /// <summary>The text with variables substituted; <paramref name="unresolved"/> is set when a variable had no value.</summary>
    /// <param name="text">The text to expand.</param>
    /// <param name="lookup">The value of a variable, or null when it is not set.</param>
    /// <param name="escape">The Dockerfile's escape character.</param>
    /// <param name="unresolved">True when a referenced variable was unset and had no default.</param>
    public static string Expand(string text, Func<string, string?> lookup, char escape, out bool unresolved)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lookup);
        unresolved = false;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == escape && i + 1 < text.Length && text[i + 1] == '$')
            {
                sb.Append('$');
                i++;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = FindClosingBrace(text, i + 2);
                if (close < 0)
                {
                    sb.Append(text, i, text.Length - i);
                    break;
                }
                sb.Append(ExpandBraced(text[(i + 2)..close], lookup, escape, ref unresolved));
                i = close;
            }
            else if (c == '$' && i + 1 < text.Length && IsNameStart(text[i + 1]))
            {
                var end = i + 1;
                while (end < text.Length && IsNamePart(text[end])) end++;
                var value = lookup(text[(i + 1)..end]);
                if (value is null) unresolved = true;
                sb.Append(value);
                i = end - 1;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static string ExpandBraced(string inner, Func<string, string?> lookup, char escape, ref bool unresolved)
    {
        var nameEnd = 0;
        while (nameEnd < inner.Length && IsNamePart(inner[nameEnd])) nameEnd++;
        var value = lookup(inner[..nameEnd]);
        var rest = inner[nameEnd..];
        var colon = rest.StartsWith(':');
        var op = colon ? rest[1..] : rest;
        var set = colon ? !string.IsNullOrEmpty(value) : value is not null;
        if (op.Length == 0 || nameEnd == 0)
        {
            if (value is null) unresolved = true;
            return value ?? "";
        }

        var word = op[1..];
        string Word(ref bool missing)
        {
            var expanded = Expand(word, lookup, escape, out var innerMissing);
            missing |= innerMissing;
            return expanded;
        }

        switch (op[0])
        {
            case '-':
                return set ? value! : Word(ref unresolved);
            case '+':
                return set ? Word(ref unresolved) : "";
            default:
                // ${NAME?message} and pattern operators: the value when set, otherwise unknown.
                if (value is null) unresolved = true;
                return value ?? "";
        }
    }

    private static int FindClosingBrace(string text, int from)
    {
        var depth = 1;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
