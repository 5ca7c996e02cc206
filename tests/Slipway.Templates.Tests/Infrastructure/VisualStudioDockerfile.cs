using Slipway.Components.Tests.Infrastructure;
using Slipway.IO;

namespace Slipway.Templates.Tests.Infrastructure;

/// <summary>
/// What Visual Studio's "Add > Docker Support" writes into a project's folder, with the environment's base images pinned
/// by tag and digest: the context is the solution folder, and the build stage runs on the target platform (no
/// <c>--platform=$BUILDPLATFORM</c>).
/// </summary>
internal static class VisualStudioDockerfile
{
    /// <summary>
    /// Writes <c>src/<paramref name="project"/>/Dockerfile</c> for a project that references <c>Contoso.Shared</c>; a
    /// <paramref name="web"/> project exposes its ports; both run on the environment's ASP.NET Core runtime (its one local runtime).
    /// </summary>
    public static AbsolutePath Write(AbsolutePath repository, string project, bool web)
    {
        var docker = DockerEnvironment.Current;
        // Visual Studio copies the solution's props files that restore reads before the project files.
        var props = string.Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }
            .Where(name => File.Exists(repository / name)).Select(name => $"COPY [\"{name}\", \".\"]\n"));
        var path = repository / "src" / project / "Dockerfile";
        File.WriteAllText(path, Text(project, Pinned(docker.RuntimeImage, "RUNTIME_IMAGE_TAG"), Pinned(docker.SdkImage, "SDK_IMAGE_TAG"),
            web ? "EXPOSE 8080\nEXPOSE 8081\n" : "", props));
        return path;
    }

    // The environment's base image by tag and digest, as a Dockerfile pins it.
    private static string Pinned(string byDigest, string tagVariable) =>
        DockerEnvironment.Current.Values.TryGetValue(tagVariable, out var tag) ? $"{tag}@{byDigest[(byDigest.IndexOf('@', StringComparison.Ordinal) + 1)..]}" : byDigest;

    private static string Text(string project, string runtime, string sdk, string ports, string props) => $"""
        # See https://aka.ms/customizecontainer to learn how to customize your debug container and how Visual Studio uses this Dockerfile to build your images for faster debugging.

        FROM {runtime} AS base
        USER $APP_UID
        WORKDIR /app
        {ports}
        FROM {sdk} AS build
        ARG BUILD_CONFIGURATION=Release
        WORKDIR /src
        {props}COPY ["src/{project}/{project}.csproj", "src/{project}/"]
        COPY ["src/Contoso.Shared/Contoso.Shared.csproj", "src/Contoso.Shared/"]
        RUN dotnet restore "./src/{project}/{project}.csproj"
        COPY . .
        WORKDIR "/src/src/{project}"
        RUN dotnet build "./{project}.csproj" -c $BUILD_CONFIGURATION -o /app/build

        FROM build AS publish
        ARG BUILD_CONFIGURATION=Release
        RUN dotnet publish "./{project}.csproj" -c $BUILD_CONFIGURATION -o /app/publish /p:UseAppHost=false

        FROM base AS final
        WORKDIR /app
        COPY --from=publish /app/publish .
        ENTRYPOINT ["dotnet", "{project}.dll"]
        """;
}
