using Slipway.Components.Dockerfiles;
using Slipway.IO;

namespace Slipway.Components.Images;

/// <summary>The image the Dockerfile's final stage starts from, for the <c>org.opencontainers.image.base.name</c> label.</summary>
internal static class FinalBaseImage
{
    /// <summary>
    /// The final stage's root image with the build arguments applied (<c>SDK_IMAGE</c>, <c>RUNTIME_IMAGE</c> when given,
    /// else the Dockerfile's <c>ARG</c> defaults). Null when the Dockerfile is missing or the base is unresolved or <c>scratch</c>.
    /// </summary>
    public static string? Of(AbsolutePath dockerfile, string? sdkImage, string? runtimeImage)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        if (!dockerfile.FileExists()) return null;
        var final = Parse(dockerfile, sdkImage, runtimeImage).FinalStage;
        return final is null || final.IsScratch ? null : final.RootImage;
    }

    /// <summary>The root images of every stage (build arguments applied as for <see cref="Of"/>), each once, in order; empty without a Dockerfile.</summary>
    public static IReadOnlyList<string> AllOf(AbsolutePath dockerfile, string? sdkImage, string? runtimeImage)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        if (!dockerfile.FileExists()) return [];
        return [.. Parse(dockerfile, sdkImage, runtimeImage).Stages
            .Where(s => !s.IsScratch && s.RootImage is not null)
            .Select(s => s.RootImage!)
            .Distinct(StringComparer.Ordinal)];
    }

    private static ParsedDockerfile Parse(AbsolutePath dockerfile, string? sdkImage, string? runtimeImage)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sdkImage is not null) arguments["SDK_IMAGE"] = sdkImage;
        if (runtimeImage is not null) arguments["RUNTIME_IMAGE"] = runtimeImage;
        return DockerfileParser.Parse(dockerfile.ReadAllText(), arguments);
    }
}
