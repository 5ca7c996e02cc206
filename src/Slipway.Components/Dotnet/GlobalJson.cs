using System.Text.Json;

namespace Slipway.Components.Dotnet;

/// <summary>The SDK a <c>global.json</c> asks for: <c>sdk.version</c>, <c>sdk.rollForward</c> and <c>sdk.allowPrerelease</c>.</summary>
/// <param name="DisplayPath">The file as messages name it, e.g. <c>global.json</c> or <c>../global.json</c>.</param>
/// <param name="Version">The requested version, e.g. <c>10.0.401</c>.</param>
/// <param name="RollForward">The roll-forward policy as written (<c>patch</c> when the file sets a version and no policy).</param>
/// <param name="AllowPrerelease">Whether a preview SDK satisfies it (true unless the file says false).</param>
internal sealed record GlobalJson(string DisplayPath, SdkVersion Version, string RollForward, bool AllowPrerelease)
{
    /// <summary>
    /// The <c>global.json</c> the SDK in the image sees: the one at the context root; when the context is not the
    /// repository root, the nearest one above it up to the repository root. Null when there is none, or it sets no
    /// valid <c>sdk.version</c>.
    /// </summary>
    /// <param name="contextDirectory">The build context.</param>
    /// <param name="rootDirectory">The repository root; paths in messages are relative to it.</param>
    public static GlobalJson? Find(string contextDirectory, string rootDirectory)
    {
        var root = Path.GetFullPath(rootDirectory);
        var context = Path.GetFullPath(contextDirectory);
        var up = Path.GetRelativePath(root, context).Replace('\\', '/');
        var levels = up == "." ? 0 : up.StartsWith("../", StringComparison.Ordinal) || up == ".." || Path.IsPathRooted(up) ? 0 : up.Split('/').Length;
        var directory = new DirectoryInfo(context);
        for (var level = 0; level <= levels && directory is not null; level++, directory = directory.Parent)
        {
            var file = Path.Combine(directory.FullName, "global.json");
            if (File.Exists(file)) return Parse(File.ReadAllText(file), Path.GetRelativePath(root, file).Replace('\\', '/'));
        }
        return null;
    }

    /// <summary>Reads the <c>sdk</c> section (comments and trailing commas allowed, as the SDK allows); null when it sets no valid version.</summary>
    public static GlobalJson? Parse(string text, string displayPath = "global.json")
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("sdk", out var sdk) ||
                sdk.ValueKind != JsonValueKind.Object || !sdk.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String ||
                SdkVersion.TryParse(version.GetString()!) is not { Patch: not null } requested)
                return null;
            var rollForward = sdk.TryGetProperty("rollForward", out var policy) && policy.ValueKind == JsonValueKind.String ? policy.GetString()! : "patch";
            var allowPrerelease = !sdk.TryGetProperty("allowPrerelease", out var pre) || pre.ValueKind != JsonValueKind.False;
            return new GlobalJson(displayPath, requested, rollForward, allowPrerelease);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
