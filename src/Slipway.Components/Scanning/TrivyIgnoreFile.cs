namespace Slipway.Components.Scanning;

/// <summary>The ids a <c>.trivyignore</c> lists: one a line, <c>#</c> starts a comment, anything after the id (e.g. <c>exp:2026-01-01</c>) is not the id.</summary>
internal static class TrivyIgnoreFile
{
    public static IReadOnlyList<string> Ids(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n')
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0])
            .Distinct(StringComparer.Ordinal)];
    }
}
