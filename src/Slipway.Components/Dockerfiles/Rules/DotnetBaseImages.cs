using System.Globalization;
using Slipway.Components.References;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// What the official .NET images (<c>mcr.microsoft.com/dotnet/…</c>) are known to set, so the runtime rules do not ask
/// for what the base already does. Only Microsoft's registry counts: a mirror such as <c>localhost:5000/dotnet/aspnet</c>
/// may hold anything.
/// </summary>
internal static class DotnetBaseImages
{
    /// <summary>The uid of the <c>app</c> user of the .NET images (<c>ENV APP_UID=1654</c>).</summary>
    public const string AppUid = "1654";

    private const string Registry = "mcr.microsoft.com";
    private static readonly string[] RuntimePaths = ["dotnet/runtime", "dotnet/aspnet", "dotnet/runtime-deps"];
    private static readonly string[] AllPaths = [.. RuntimePaths, "dotnet/sdk"];

    /// <summary>
    /// True when the image is a chiseled or distroless .NET runtime image (its tag contains <c>chiseled</c> or
    /// <c>distroless</c>, the <c>-extra</c> variants included), which sets <c>USER $APP_UID</c> itself.
    /// </summary>
    public static bool RunsAsAppUser(string? image) =>
        Official(image, RuntimePaths) is { Tag: { } tag } &&
        (tag.Contains("chiseled", StringComparison.OrdinalIgnoreCase) || tag.Contains("distroless", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the image is a .NET 8 or later image, which defines <c>ENV APP_UID=1654</c>.</summary>
    public static bool DefinesAppUid(string? image) =>
        Official(image, AllPaths) is { Tag: { } tag } && MajorVersion(tag) >= 8;

    private static ImageReference? Official(string? image, string[] paths)
    {
        if (image is null) return null;
        var reference = ImageReference.Parse(image);
        return reference.Repository is { Host: Registry } repository && paths.Contains(repository.Path, StringComparer.Ordinal) ? reference : null;
    }

    private static int MajorVersion(string tag)
    {
        var digits = new string(tag.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;
    }
}
