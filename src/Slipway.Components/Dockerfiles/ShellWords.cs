using System.Text;

namespace Slipway.Components.Dockerfiles;

/// <summary>Splits instruction arguments into words the way Docker does for <c>COPY</c>, <c>ENV</c>, <c>ARG</c> and <c>FROM</c>.</summary>
internal static class ShellWords
{
    /// <summary>
    /// Splits on unquoted whitespace. Single and double quotes group words and are removed; the escape
    /// character makes the next character literal (inside single quotes it is kept as is).
    /// </summary>
    public static IReadOnlyList<string> Split(string text, char escape = '\\')
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = '\0';
                else word.Append(c);
                continue;
            }
            if (c == escape && i + 1 < text.Length)
            {
                word.Append(text[++i]);
                inWord = true;
                continue;
            }
            if (quote == '"')
            {
                if (c == '"') quote = '\0';
                else word.Append(c);
                continue;
            }
            if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <summary>Splits <c>NAME=value</c> into name and value; the value is null when there is no <c>=</c>.</summary>
    public static (string Name, string? Value) SplitAssignment(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var eq = word.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (word, null) : (word[..eq], word[(eq + 1)..]);
    }
}
