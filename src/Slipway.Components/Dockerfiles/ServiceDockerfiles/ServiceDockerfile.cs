using System.Text;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// The Dockerfile AddDockerfile writes for a service project, in Visual Studio's layout (the file in the project's folder,
/// the solution's folder the build context) and the template's pattern: pinned base images, the <c>restore-inputs</c>
/// stage, the restore layer before the source, a build stage on the build machine's platform, a final stage that only
/// copies and runs as the non-root <c>app</c> user, and a <c>HEALTHCHECK</c> for an ASP.NET Core service.
/// </summary>
internal static class ServiceDockerfile
{
    /// <summary>The Dockerfile's text.</summary>
    /// <param name="project">The service.</param>
    /// <param name="projectPath">The project file's path from the build context, with <c>/</c>, e.g. <c>src/Contoso.Api/Contoso.Api.csproj</c>.</param>
    /// <param name="template">The template's Dockerfile (<see cref="TemplateFiles.Dockerfile"/>), whose pins and restore-inputs stage it takes.</param>
    public static string Render(ServiceProject project, string projectPath, string template)
    {
        ArgumentNullException.ThrowIfNull(project);
        var folder = projectPath.Contains('/', StringComparison.Ordinal) ? projectPath[..projectPath.LastIndexOf('/')] : ".";
        var dll = project.AssemblyName + ".dll";
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line($"# The image of {project.AssemblyName}, written by ./build.sh AddDockerfile: yours to change from now on.");
        Line("# Visual Studio's layout: this file is in the project's folder and the build context is the solution's folder, so the");
        Line($"# paths below are relative to that folder: docker buildx build -f {folder}/Dockerfile .");
        Line("# No \"# syntax=\" line: the Dockerfile frontend built into the engine is used, so no frontend image is pulled.");
        Line();
        Line("# Base images pinned by tag and digest. ./build.sh PinBaseImages moves the digests to the tags' newest images;");
        Line("# the build can override them with the build arguments SDK_IMAGE / RUNTIME_IMAGE.");
        foreach (var argument in TemplateFiles.BaseImageArguments(template)) Line(argument);
        Line();
        Line(TemplateFiles.RestoreInputsStage(template));
        Line();
        Line("# The build stage runs on the build machine's own platform ($BUILDPLATFORM) for every target platform: the published");
        Line("# output of a framework-dependent service is the same on every architecture, so nothing runs under emulation. (Where");
        Line("# the RID matters, a self-contained publish or an apphost, add ARG TARGETARCH here and -a $TARGETARCH to restore and publish.)");
        Line("FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build");
        Line("WORKDIR /src");
        Line();
        Line("# Restore first, from the restore inputs only, so this layer stays cached when only code changes. A private feed's");
        Line("# NuGet.config refers to %NUGET_AUTH_TOKEN%, read here from the BuildKit secret nuget_auth_token (./build.sh passes");
        Line("# --nuget-auth-token): a secret mount is in no layer. Restoring the service's project restores what it references.");
        Line("COPY --from=restore-inputs /src/ ./");
        Line("RUN --mount=type=secret,id=nuget_auth_token \\");
        Line("    NUGET_AUTH_TOKEN=\"$(cat /run/secrets/nuget_auth_token 2>/dev/null || true)\" \\");
        Line($"    dotnet restore \"{projectPath}\"");
        Line();
        Line("# Then the source: the whole context, less what .dockerignore keeps out. Every published file gets one fixed time,");
        Line("# which BuildKit rewrites to the commit's time (SOURCE_DATE_EPOCH, passed by the build): one commit, one image.");
        Line("COPY . .");
        Line($"RUN dotnet publish \"{projectPath}\" \\");
        Line("      --configuration Release \\");
        Line("      --no-restore \\");
        Line("      --output /app/publish \\");
        Line("      -p:UseAppHost=false \\");
        Line(" && find /app/publish -exec touch --no-dereference --date=@4102444800 {} +");
        Line();
        Line("# The final stage is the target platform's runtime image with COPY, ENV and USER only: no RUN, so no step is emulated.");
        if (!project.IsAspNetCore)
        {
            Line("# A worker serves no HTTP, so the image has no HTTP health check: its process running is its health, and a probe");
            Line("# of its own (a file it touches, a HEALTHCHECK CMD in exec form) can be added here when it needs more.");
            Line("# slipway-ignore SW1050");
        }
        Line("FROM ${RUNTIME_IMAGE} AS final");
        Line("WORKDIR /app");
        Line("COPY --from=build --chown=1654:1654 /app/publish ./");
        if (project.IsAspNetCore)
        {
            Line("ENV ASPNETCORE_HTTP_PORTS=8080");
            Line("EXPOSE 8080");
        }
        Line("# 1654 is the \"app\" user of the .NET images: the service runs as a non-root user.");
        Line("USER 1654");
        if (project.IsAspNetCore)
        {
            Line("# The chiseled runtime image has no shell and no curl: the HEALTHCHECK runs the service's own --healthcheck probe,");
            Line("# which calls its health endpoint over loopback and exits 0 (healthy) or 1 (the slipway template's HealthCheckProbe).");
            Line("HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\");
            Line($"  CMD [\"dotnet\", \"{dll}\", \"--healthcheck\"]");
        }
        Line($"ENTRYPOINT [\"dotnet\", \"{dll}\"]");
        return text.ToString();
    }
}
