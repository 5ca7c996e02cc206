using System.Text.Json;
using Slipway.IO;

namespace Slipway.Components.Dotnet;

/// <summary>
/// The SDK request of a repository's <c>global.json</c>: <c>sdk.version</c> and <c>sdk.rollForward</c>. The one place the
/// repository names its SDK; the Dockerfile's SDK image and the CI's job image follow it (PinBaseImages moves them).
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="SdkVersion">The requested SDK version, e.g. <c>10.0.401</c>; null when the file names none.</param>
/// <param name="RollForward">The roll-forward policy as written, or null (the SDK's default).</param>
internal sealed record GlobalJson(AbsolutePath Path, string? SdkVersion, string? RollForward)
{
    /// <summary>The <c>global.json</c> of a directory, or null when it has none.</summary>
    /// <exception cref="BuildFailedException">The file is not JSON, or its <c>sdk</c> values are not strings.</exception>
    public static GlobalJson? Read(AbsolutePath directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var file = directory / "global.json";
        if (!file.FileExists()) return null;
        try
        {
            using var document = JsonDocument.Parse(file.ReadAllText(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("sdk", out var sdk) || sdk.ValueKind != JsonValueKind.Object)
                return new GlobalJson(file, null, null);
            return new GlobalJson(file, Text(sdk, "version"), Text(sdk, "rollForward"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new BuildFailedException($"{file} is not valid global.json ({e.Message}); fix it so that sdk.version names the SDK, e.g. {{ \"sdk\": {{ \"version\": \"10.0.401\" }} }}.");
        }
    }

    private static string? Text(JsonElement sdk, string name) =>
        sdk.TryGetProperty(name, out var value) ? value.GetString() : null;
}
