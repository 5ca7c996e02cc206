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
            // Provenance would turn the loaded image into an index with an attestation manifest. The engine's own
            // exporter (--load) cannot rewrite timestamps, its tarball exporter can: the build loads the tarball itself.
            arguments.AddRange(["--progress=rawjson", "--provenance=false", "--metadata-file", request.MetadataFile]);
            // With --platforms the image (an index for two or more) goes into the checkout's OCI layout, unpacked: the build
            // reads it for the per-platform scans and pushes and streams it into the engine (the containerd image store keeps
            // every platform). BuildKit skips the blobs the layout holds already; a tarball would be written whole each time.
            var output = request.Platforms.Values.Count > 0
                ? $"type=oci,tar=false,name={request.LocalReference},{CsvField($"dest={request.LayoutDirectory}")}"
                : $"type=docker,name={request.LocalReference},{CsvField($"dest={request.ImageTarball}")}";
            if (request.SourceDateEpoch is not null) output += ",rewrite-timestamp=true";
            arguments.AddRange(["--output", output]);
            arguments.AddRange(["--file", request.Dockerfile]);
            if (request.Platforms.BuildxArgument is { } platforms) arguments.AddRange(["--platform", platforms]);
        }
        else
        {
            arguments.AddRange(["build", "--progress=plain", "--file", request.Dockerfile, "--tag", request.LocalReference]);
        }

        if (request.NoCache) arguments.Add("--no-cache");
        if (request.SourceDateEpoch is { } epoch)
            arguments.AddRange(["--build-arg", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SOURCE_DATE_EPOCH={epoch}")]);
        if (request.SdkImage is not null) arguments.AddRange(["--build-arg", $"SDK_IMAGE={request.SdkImage}"]);
        if (request.RuntimeImage is not null) arguments.AddRange(["--build-arg", $"RUNTIME_IMAGE={request.RuntimeImage}"]);
        foreach (var (key, value) in request.Labels) arguments.AddRange(["--label", $"{key}={value}"]);

        if (builder.Frontend == BuildFrontend.Buildx)
        {
            // Secrets are mounted only by the RUN steps that ask for them; their values travel in the process environment.
            foreach (var secret in request.Secrets) arguments.AddRange(["--secret", secret.Argument]);
            foreach (var from in cache.From) arguments.AddRange(["--cache-from", from]);
            if (cache.To is not null) arguments.AddRange(["--cache-to", cache.To]);
        }
        arguments.Add(request.ContextDirectory);
        return arguments;
    }

    // buildx reads --output as one CSV record: a field with a comma or a quote is quoted, its quotes doubled.
    private static string CsvField(string field) =>
        field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
