using System.Globalization;
using System.Text.Json;

namespace Slipway.Components.Versioning;

/// <summary>
/// The version GitVersion computed for the commit being built. Read by property name and tolerant of fields
/// that a GitVersion release dropped or added; only <see cref="Major"/>, <see cref="Minor"/> and <see cref="Patch"/> are required.
/// </summary>
public sealed record BuildVersion
{
    /// <summary>The semantic version without build metadata, e.g. <c>1.2.3</c> or <c>1.3.0-feature-x.4</c>.</summary>
    public required string SemVer { get; init; }

    /// <summary>The semantic version with the commit count as build metadata, e.g. <c>1.3.0-feature-x.4+2</c>.</summary>
    public required string FullSemVer { get; init; }

    /// <summary>The major version.</summary>
    public required int Major { get; init; }

    /// <summary>The minor version.</summary>
    public required int Minor { get; init; }

    /// <summary>The patch version.</summary>
    public required int Patch { get; init; }

    /// <summary>The pre-release part (<c>feature-x.4</c>), empty for a stable version.</summary>
    public string PreReleaseTag { get; init; } = "";

    /// <summary>The pre-release label (<c>feature-x</c>), empty for a stable version.</summary>
    public string PreReleaseLabel { get; init; } = "";

    /// <summary>The build metadata, when any.</summary>
    public string? BuildMetaData { get; init; }

    /// <summary>The branch GitVersion saw, e.g. <c>main</c> or <c>feature/x</c>.</summary>
    public string? BranchName { get; init; }

    /// <summary>The full commit SHA.</summary>
    public string? Sha { get; init; }

    /// <summary>The abbreviated commit SHA (7 characters).</summary>
    public string? ShortSha { get; init; }

    /// <summary>Commits since the tag or branch the version comes from.</summary>
    public int? CommitsSinceVersionSource { get; init; }

    /// <summary>The informational version: the full SemVer with branch and commit.</summary>
    public string? InformationalVersion { get; init; }

    /// <summary><c>Major.Minor.Patch</c>.</summary>
    public string MajorMinorPatch => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    /// <summary>True for a pre-release (feature branch, pull request, untagged commit), false for a released version.</summary>
    public bool IsPrerelease => PreReleaseTag.Length > 0;

    /// <inheritdoc />
    public override string ToString() => SemVer;

    /// <summary>Reads GitVersion's <c>/output json</c>.</summary>
    internal static BuildVersion Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new BuildFailedException($"GitVersion's output is not JSON ({ex.Message}). Run it by hand with '/output json' to see what it printed.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new BuildFailedException("GitVersion's output is not a JSON object. Run it by hand with '/output json' to see what it printed.");
            var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject()) fields[property.Name] = property.Value.Clone();

            var major = Number(fields, "Major") ?? throw Missing("Major");
            var minor = Number(fields, "Minor") ?? throw Missing("Minor");
            var patch = Number(fields, "Patch") ?? throw Missing("Patch");
            var preReleaseTag = Text(fields, "PreReleaseTag") ?? "";
            var semVer = Text(fields, "SemVer")
                ?? string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}.{patch}") + (preReleaseTag.Length > 0 ? "-" + preReleaseTag : "");
            var sha = Text(fields, "Sha");
            return new BuildVersion
            {
                SemVer = semVer,
                FullSemVer = Text(fields, "FullSemVer") ?? semVer,
                Major = major,
                Minor = minor,
                Patch = patch,
                PreReleaseTag = preReleaseTag,
                PreReleaseLabel = Text(fields, "PreReleaseLabel") ?? "",
                BuildMetaData = Text(fields, "BuildMetaData"),
                BranchName = Text(fields, "BranchName"),
                Sha = sha,
                ShortSha = Text(fields, "ShortSha") ?? (sha is { Length: >= 7 } ? sha[..7] : null),
                CommitsSinceVersionSource = Number(fields, "CommitsSinceVersionSource") ?? Number(fields, "VersionSourceDistance"),
                InformationalVersion = Text(fields, "InformationalVersion"),
            };
        }
    }

    private static BuildFailedException Missing(string field) =>
        new($"GitVersion's output has no '{field}'. Use GitVersion 6 (GitVersion.MsBuild 6.8.2) or check its configuration file.");

    // GitVersion 5 wrote some numbers as strings; 6 writes numbers. Accept both.
    private static int? Number(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        } : null;

    private static string? Text(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
