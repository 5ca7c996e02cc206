using System.Text.RegularExpressions;
using Slipway.Components.Dotnet;
using Slipway.Components.References;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1101</c> error: a .NET SDK image that <c>.gitlab-ci.yml</c> runs its jobs in (<c>image: …/dotnet/sdk:10.0.401-noble@…</c>)
/// names an SDK version that <c>global.json</c> does not accept. <c>global.json</c> is the one place the SDK version is
/// set: the Dockerfile's SDK image (<c>SW1100</c>) and the CI job's image follow it, and <c>./build.sh PinBaseImages</c>
/// moves all of them together. Tags that name only major.minor float and are not judged.
/// </summary>
internal static partial class CiJobSdkImages
{
    /// <summary>The CI file read, relative to the repository root.</summary>
    public const string GitLabCiFile = ".gitlab-ci.yml";

    /// <summary>The findings for <c>.gitlab-ci.yml</c> in <paramref name="rootDirectory"/>; none without the file or <paramref name="globalJson"/>.</summary>
    /// <param name="rootDirectory">The repository root.</param>
    /// <param name="contextDirectory">The build context: finding paths are relative to it, as every finding's file is.</param>
    /// <param name="globalJson">The SDK request the Dockerfile is linted against.</param>
    public static IEnumerable<LintFinding> Check(string rootDirectory, string contextDirectory, GlobalJson? globalJson)
    {
        var file = Path.Combine(rootDirectory, GitLabCiFile);
        if (globalJson is null || !File.Exists(file)) yield break;
        var relative = Path.GetRelativePath(contextDirectory, file).Replace('\\', '/');
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith('#')) continue;
            foreach (Match match in SdkImage().Matches(lines[i]))
            {
                var image = ImageReference.Parse(match.Value);
                if (!image.IsDotnetSdk || image.Tag is null || SdkVersion.TryParse(image.Tag) is not { Patch: not null } version) continue;
                if (SdkVersionRule.Accepts(globalJson, version, out var wanted)) continue;
                yield return new("SW1101", LintSeverity.Error, i + 1,
                    $"the CI job image {image.Name}:{image.Tag} has SDK {version}, but {globalJson.DisplayPath} asks for {globalJson.Version} with rollForward " +
                    $"'{globalJson.RollForward}', which accepts {wanted}, so ./build.sh in that job does not find its SDK; global.json is the one place " +
                    $"the SDK version is set: run ./build.sh PinBaseImages to move the Dockerfile's and the job's SDK images to it", relative);
            }
        }
    }

    // An image reference whose path ends in dotnet/sdk (any registry or mirror), with its tag and digest.
    [GeneratedRegex(@"[A-Za-z0-9._:/-]*dotnet/sdk:[A-Za-z0-9._-]+(?:@sha256:[0-9a-f]{64})?")]
    private static partial Regex SdkImage();
}
