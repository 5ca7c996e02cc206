namespace Slipway.Components.Images;

/// <summary>The argument list of the build command. Arguments are a list, never a shell string.</summary>
internal static class DockerBuildArguments
{
    /// <summary>
    /// <c>buildx build</c> (rawjson progress, no provenance attestation, BuildKit's metadata file, the image exported
    /// with its layer timestamps rewritten to <c>SOURCE_DATE_EPOCH</c>, as a tarball or, with <c>--platforms</c>, into the
    /// checkout's OCI layout, which the builder then loads) or, for
    /// the classic frontend, <c>build</c> (plain progress). Base images become build arguments only when given, so the
    /// Dockerfile's pinned defaults apply otherwise. The image is named <c>&lt;image&gt;:build-&lt;nonce&gt;</c> and nothing else.
    /// </summary>
    public static IReadOnlyList<string> For(ImageBuildRequest request, BuilderChoice builder, BuildCachePlan cache) =>
        Settings(request, builder, cache).ToArguments();

    /// <summary>The settings <see cref="For"/> renders, before a build's <c>ConfigureDockerBuild</c> hook edits them.</summary>
    public static DockerBuildSettings Settings(ImageBuildRequest request, BuilderChoice builder, BuildCachePlan cache)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cache);
        var buildx = builder.Frontend == BuildFrontend.Buildx;
        // With --platforms the image (an index for two or more) goes into the checkout's OCI layout, unpacked: the build
        // reads it for the per-platform scans and pushes and streams it into the engine (the containerd image store keeps
        // every platform). BuildKit skips the blobs the layout holds already; a tarball would be written whole each time.
        // The engine's own exporter (--load) cannot rewrite timestamps, its tarball exporter can: the build loads the tarball itself.
        var output = request.Platforms.Values.Count > 0
            ? $"type=oci,tar=false,name={request.LocalReference},{CsvField($"dest={request.LayoutDirectory}")}"
            : $"type=docker,name={request.LocalReference},{CsvField($"dest={request.ImageTarball}")}";
        if (request.SourceDateEpoch is not null) output += ",rewrite-timestamp=true";

        var buildArguments = new List<KeyValuePair<string, string>>();
        if (request.SourceDateEpoch is { } epoch)
            buildArguments.Add(KeyValuePair.Create("SOURCE_DATE_EPOCH", epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (request.SdkImage is not null) buildArguments.Add(KeyValuePair.Create("SDK_IMAGE", request.SdkImage));
        if (request.RuntimeImage is not null) buildArguments.Add(KeyValuePair.Create("RUNTIME_IMAGE", request.RuntimeImage));

        return new DockerBuildSettings
        {
            Buildx = buildx,
            Builder = buildx ? builder.Builder : null,
            Progress = buildx ? "rawjson" : "plain",
            // Provenance would turn the loaded image into an index with an attestation manifest.
            Provenance = buildx ? false : null,
            MetadataFile = buildx ? request.MetadataFile.ToString() : null,
            Output = buildx ? output : null,
            Dockerfile = request.Dockerfile.ToString(),
            Platform = buildx ? request.Platforms.BuildxArgument : null,
            Tag = buildx ? null : request.LocalReference,
            NoCache = request.NoCache,
            BuildArguments = [.. buildArguments],
            Labels = [.. request.Labels],
            // Secrets are mounted only by the RUN steps that ask for them; their values travel in the process environment.
            Secrets = buildx ? [.. request.Secrets.Select(s => new DockerBuildSecret(s.Id, s.Value))] : [],
            CacheFrom = buildx ? [.. cache.From] : [],
            CacheTo = buildx ? cache.To : null,
            ContextDirectory = request.ContextDirectory,
        };
    }

    // buildx reads --output as one CSV record: a field with a comma or a quote is quoted, its quotes doubled.
    private static string CsvField(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
