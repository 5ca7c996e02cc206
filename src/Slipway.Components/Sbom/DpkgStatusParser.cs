namespace Slipway.Components.Sbom;

/// <summary>
/// Reads dpkg's package database: <c>/var/lib/dpkg/status</c> (one file of control stanzas separated by blank lines) and
/// <c>/var/lib/dpkg/status.d/*</c> (one file per package, as distroless and Ubuntu chiseled images have it). A stanza
/// counts when it names a package and a version and is installed: its <c>Status</c> ends in <c>installed</c>
/// (<c>install ok installed</c>, not <c>deinstall ok config-files</c> or <c>half-installed</c>), or it has no
/// <c>Status</c> at all (the per-package files of status.d describe installed packages only).
/// </summary>
internal static class DpkgStatusParser
{
    /// <summary>The installed packages of one status file, in file order.</summary>
    public static IReadOnlyList<DebianPackage> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var packages = new List<DebianPackage>();
        foreach (var stanza in Stanzas(text))
        {
            if (ToPackage(stanza) is { } package) packages.Add(package);
        }
        return packages;
    }

    /// <summary>
    /// The installed packages of a status file and of a status.d directory (either may be missing), deduplicated by
    /// name and architecture: the first occurrence wins, status before status.d, status.d files in name order. Files
    /// of status.d that are not control files (<c>*.md5sums</c>, <c>*.list</c>) are skipped.
    /// </summary>
    public static IReadOnlyList<DebianPackage> ParseDatabase(string? statusFile, string? statusDirectory)
    {
        var texts = new List<string>();
        if (statusFile is not null && File.Exists(statusFile)) texts.Add(File.ReadAllText(statusFile));
        if (statusDirectory is not null && Directory.Exists(statusDirectory))
        {
            texts.AddRange(Directory.EnumerateFiles(statusDirectory)
                .Where(IsControlFile)
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllText));
        }

        var seen = new HashSet<(string, string?)>();
        return [.. texts.SelectMany(Parse).Where(p => seen.Add((p.Name, p.Architecture)))];
    }

    /// <summary>True for the file of a status.d directory that holds a control stanza, false for checksums and file lists.</summary>
    public static bool IsControlFile(string path)
    {
        var name = Path.GetFileName(path);
        return !name.StartsWith('.') && !name.EndsWith(".md5sums", StringComparison.Ordinal) && !name.EndsWith(".list", StringComparison.Ordinal);
    }

    /// <summary>The stanzas of a control file: field name → value (continuation lines dropped: no field read here has them).</summary>
    internal static IEnumerable<IReadOnlyDictionary<string, string>> Stanzas(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                if (fields.Count > 0) yield return fields;
                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }
            if (line[0] is ' ' or '\t' or '#') continue; // a continuation line (Description, Conffiles) or a comment
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (fields.Count > 0) yield return fields;
    }

    private static DebianPackage? ToPackage(IReadOnlyDictionary<string, string> stanza)
    {
        if (!stanza.TryGetValue("Package", out var name) || name.Length == 0) return null;
        if (!stanza.TryGetValue("Version", out var version) || version.Length == 0) return null;
        if (stanza.TryGetValue("Status", out var status) && !IsInstalled(status)) return null;
        var architecture = stanza.TryGetValue("Architecture", out var arch) && arch.Length > 0 ? arch : null;
        var (sourceName, sourceVersion) = stanza.TryGetValue("Source", out var source) && source.Length > 0
            ? SplitSource(source)
            : (name, null);
        return new DebianPackage(name, version, architecture, sourceName, sourceVersion);
    }

    // "want flag status": the last word is the package's state; only "installed" is installed.
    private static bool IsInstalled(string status) =>
        status.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words && words[^1] == "installed";

    // "bash (5.2.15-2)": the source package and, when it differs from the binary's, its version.
    private static (string Name, string? Version) SplitSource(string source)
    {
        var open = source.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return (source, null);
        var close = source.IndexOf(')', open);
        var version = (close > open ? source[(open + 1)..close] : source[(open + 1)..]).Trim();
        return (source[..open].Trim(), version.Length > 0 ? version : null);
    }
}
