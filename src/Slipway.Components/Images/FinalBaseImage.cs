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
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sdkImage is not null) arguments["SDK_IMAGE"] = sdkImage;
        if (runtimeImage is not null) arguments["RUNTIME_IMAGE"] = runtimeImage;
        var final = DockerfileParser.Parse(dockerfile.ReadAllText(), arguments).FinalStage;
        return final is null || final.IsScratch ? null : final.RootImage;
    }
}
