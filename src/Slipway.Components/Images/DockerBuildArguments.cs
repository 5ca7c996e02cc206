namespace Slipway.Components.Images;

/// <summary>The argument list of the build command. Arguments are a list, never a shell string.</summary>
internal static class DockerBuildArguments
{
    /// <summary>
    /// <c>buildx build</c> (rawjson progress, no provenance attestation, loaded into the engine) or, for the classic
    /// frontend, <c>build</c> (plain progress). Base images become build arguments only when given, so the Dockerfile's
    /// pinned defaults apply otherwise. The image is tagged <c>&lt;image&gt;:build</c> and nothing else.
    /// </summary>
    public static IReadOnlyList<string> For(ImageBuildRequest request, BuilderChoice builder, BuildCachePlan cache)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cache);
        var arguments = new List<string>();
        if (builder.Frontend == BuildFrontend.Buildx)
        {
            arguments.AddRange(["buildx", "build"]);
            if (builder.Builder is not null) arguments.AddRange(["--builder", builder.Builder]);
            // Provenance would turn the loaded image into an index with an attestation manifest.
            arguments.AddRange(["--progress=rawjson", "--provenance=false", "--load"]);
        }
        else
        {
            arguments.AddRange(["build", "--progress=plain"]);
        }

        arguments.AddRange(["--file", request.Dockerfile, "--tag", request.LocalReference]);
        if (request.SdkImage is not null) arguments.AddRange(["--build-arg", $"SDK_IMAGE={request.SdkImage}"]);
        if (request.RuntimeImage is not null) arguments.AddRange(["--build-arg", $"RUNTIME_IMAGE={request.RuntimeImage}"]);
        foreach (var (key, value) in request.Labels) arguments.AddRange(["--label", $"{key}={value}"]);

        if (builder.Frontend == BuildFrontend.Buildx)
        {
            foreach (var from in cache.From) arguments.AddRange(["--cache-from", from]);
            if (cache.To is not null) arguments.AddRange(["--cache-to", cache.To]);
        }
        arguments.Add(request.ContextDirectory);
        return arguments;
    }
}
