using Slipway.Components.Dotnet;
using Slipway.IO;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// AddDockerfile: gives a service project of the solution a Dockerfile, <c>./build.sh AddDockerfile --project
/// src/Contoso.Worker</c>. It writes <c>Dockerfile</c> in the project's folder, Visual Studio's layout (the solution's
/// folder is the build context), in the template's pattern: base images pinned by tag and digest, the restore layer from
/// the project graph's restore inputs before the source, a build stage on the build machine's platform, a non-root final
/// stage with an exec-form entry point, and a <c>HEALTHCHECK</c> for an ASP.NET Core project (<c>Microsoft.NET.Sdk.Web</c>).
/// It writes the solution folder's <c>.dockerignore</c> when missing. It never overwrites a file, and refuses before any
/// target runs a project that does not exist, is not executable, is not in the solution or already has a Dockerfile.
/// Not part of Publish: run it once, review the file and commit it.
/// </summary>
public interface IAddDockerfile : IDotnetSolution
{
    /// <summary>The project AddDockerfile gives a Dockerfile: its folder or its project file, e.g. <c>src/Contoso.Worker</c>.</summary>
    [Parameter("Project that AddDockerfile writes a Dockerfile for: its folder or its .csproj (e.g. src/Contoso.Worker)")]
    AbsolutePath? Project => TryGetValue(() => Project);

    /// <summary>Writes the project's Dockerfile, and the solution folder's .dockerignore when missing.</summary>
    Target AddDockerfile => _ => _
        .Description("Writes a Dockerfile for a service project (--project) in its folder, built from the solution folder")
        .Requires(() => Project)
        .Validates(() => DockerfileAddition.Plan(Project!, Solution))
        .Executes(() => ReportSummary(DockerfileAddition.Plan(Project!, Solution).Write()));
}
