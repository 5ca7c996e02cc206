namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A final <c>FROM scratch</c> stage that only collects files from other stages (<c>COPY --from</c>, plus <c>ARG</c> and
/// <c>LABEL</c>), used with <c>docker build --output</c> to export them. It has nothing to run, so it needs no
/// <c>USER</c> and no <c>HEALTHCHECK</c>.
/// </summary>
internal static class ExportStage
{
    /// <summary>True when <paramref name="stage"/> is a scratch stage with only <c>COPY --from</c>, <c>ARG</c> and <c>LABEL</c>.</summary>
    public static bool Is(DockerfileStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.IsScratch && stage.Instructions.All(i => (i.Is("COPY") && i.HasFlag("from")) || i.Is("ARG") || i.Is("LABEL"));
    }
}
