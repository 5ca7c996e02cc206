using Slipway.Components.Dotnet;
using Slipway.Components.References;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1100</c> error: a stage's .NET SDK image (<c>…/dotnet/sdk</c>) has a tag that names an SDK version
/// (<c>10.0.401</c>, <c>10.0.401-noble</c>, <c>10.0.100-preview.7</c>) that the <c>global.json</c> does not accept under its
/// <c>sdk.version</c> and <c>rollForward</c> policy (see <see cref="Accepts"/>), so <c>dotnet</c> in the image stops with
/// "A compatible .NET SDK was not found". A tag with only major.minor (<c>10.0</c>, <c>10.0-noble</c>) floats and is not
/// judged; neither is a stage without a known image or a build without <c>global.json</c>.
/// </summary>
internal sealed class SdkVersionRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.GlobalJson is not { } globalJson) yield break;
        foreach (var stage in input.Dockerfile.Stages.Where(s => s.ParentStage is null && s.Base is not null))
        {
            var image = ImageReference.Parse(stage.Base!);
            if (!image.IsDotnetSdk || image.Tag is null || SdkVersion.TryParse(image.Tag) is not { Patch: not null } version) continue;
            if (Accepts(globalJson, version, out var wanted)) continue;
            yield return new("SW1100", LintSeverity.Error, stage.From.Line,
                $"stage '{stage.DisplayName}' builds with SDK {version} ({image.Name}:{image.Tag}), but {globalJson.DisplayPath} asks for " +
                $"{globalJson.Version} with rollForward '{globalJson.RollForward}', which accepts {wanted}, so dotnet in the image stops with " +
                $"\"A compatible .NET SDK was not found\"; change the image tag to an SDK it accepts (e.g. {image.Name}:{globalJson.Version}), or change {globalJson.DisplayPath}");
        }
    }

    /// <summary>
    /// True when the SDK policy of <paramref name="globalJson"/> accepts <paramref name="sdk"/>. Every policy wants at
    /// least the requested version; <c>patch</c> (the default) and <c>latestPatch</c> keep major, minor and feature band,
    /// <c>feature</c>/<c>latestFeature</c> major and minor, <c>minor</c>/<c>latestMinor</c> the major, <c>major</c>/<c>latestMajor</c>
    /// nothing; <c>disable</c> wants exactly the version. <c>allowPrerelease: false</c> turns previews away.
    /// </summary>
    internal static bool Accepts(GlobalJson globalJson, SdkVersion sdk, out string wanted)
    {
        ArgumentNullException.ThrowIfNull(globalJson);
        ArgumentNullException.ThrowIfNull(sdk);
        var requested = globalJson.Version;
        var (keep, accepted) = globalJson.RollForward.ToLowerInvariant() switch
        {
            "disable" => ($"exactly {requested}", sdk.CompareTo(requested) == 0),
            "patch" or "latestpatch" => ($"{requested} or a later patch of {requested.Major}.{requested.Minor}.{requested.Band}xx",
                sdk.Major == requested.Major && sdk.Minor == requested.Minor && sdk.Band == requested.Band),
            "feature" or "latestfeature" => ($"{requested} or later within {requested.Major}.{requested.Minor}", sdk.Major == requested.Major && sdk.Minor == requested.Minor),
            "minor" or "latestminor" => ($"{requested} or later within {requested.Major}.x", sdk.Major == requested.Major),
            "major" or "latestmajor" => ($"{requested} or later", true),
            _ => ($"{requested} (the SDK rejects rollForward '{globalJson.RollForward}')", true),
        };
        wanted = keep + (globalJson.AllowPrerelease ? "" : ", no previews");
        return accepted && sdk.CompareTo(requested) >= 0 && (globalJson.AllowPrerelease || sdk.Prerelease is null);
    }
}
