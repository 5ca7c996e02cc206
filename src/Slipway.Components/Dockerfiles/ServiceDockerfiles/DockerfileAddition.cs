using Serilog;
using Slipway.IO;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// What AddDockerfile does for one project, checked before anything is written: the Dockerfile to write in the project's
/// folder, and the solution folder's <c>.dockerignore</c> when it has none. Existing files are never overwritten.
/// </summary>
/// <param name="Project">The service project.</param>
/// <param name="Context">The build context: the solution's folder.</param>
internal sealed record DockerfileAddition(ServiceProject Project, AbsolutePath Context)
{
    /// <summary>The Dockerfile to write.</summary>
    public AbsolutePath Dockerfile => Project.Folder / "Dockerfile";

    /// <summary>The build context's ignore file.</summary>
    public AbsolutePath DockerIgnore => Context / ".dockerignore";

    /// <summary>The addition for the project <paramref name="project"/> names (its folder or project file) in <paramref name="solution"/>.</summary>
    /// <exception cref="BuildFailedException">
    /// The project does not exist, is not an executable project of the solution, or already has a Dockerfile.
    /// </exception>
    public static DockerfileAddition Plan(AbsolutePath project, AbsolutePath solution)
    {
        var service = ServiceProject.Read(project, solution);
        var addition = new DockerfileAddition(service, solution.Parent!);
        if (addition.Dockerfile.FileExists())
            throw new BuildFailedException(
                $"{addition.Relative(addition.Dockerfile)} already exists, and AddDockerfile never overwrites a file. " +
                "Remove or rename it first to have a new one written.");
        return addition;
    }

    /// <summary>The Dockerfile's text.</summary>
    public string Render() =>
        ServiceDockerfile.Render(Project, Relative(Project.File), TemplateFiles.Dockerfile);

    /// <summary>Writes the Dockerfile, and the <c>.dockerignore</c> when missing, and logs what it wrote and the next step.</summary>
    /// <returns>The note for the summary table.</returns>
    public string Write()
    {
        Dockerfile.WriteAllText(Render());
        Log.Information("Wrote {Dockerfile}: {Kind} image of {Assembly}.dll, built from the solution folder {Context}",
            Relative(Dockerfile), Project.IsAspNetCore ? "an ASP.NET Core" : "a worker", Project.AssemblyName, Context);
        if (DockerIgnore.FileExists())
            Log.Information("Kept {DockerIgnore}: it exists, and AddDockerfile never overwrites a file", Relative(DockerIgnore));
        else
        {
            DockerIgnore.WriteAllText(TemplateFiles.DockerIgnore);
            Log.Information("Wrote {DockerIgnore}: it keeps bin/obj, .git and secrets out of the build context", Relative(DockerIgnore));
        }

        if (FrameworkMismatch() is { } mismatch) Log.Warning("{Mismatch}", mismatch);
        if (Project.IsAspNetCore)
            Log.Information(
                "Its HEALTHCHECK runs 'dotnet {Assembly}.dll --healthcheck': make the service answer that argument by calling its health endpoint over loopback and exiting 0 or 1 (the slipway template's HealthCheckProbe.cs shows how)",
                Project.AssemblyName);
        Log.Information("Next: review and commit {Dockerfile}; it builds from the solution folder: docker buildx build -f {Path} .",
            Relative(Dockerfile), Relative(Dockerfile));
        return $"wrote {Relative(Dockerfile)}";
    }

    /// <summary>
    /// A warning when the project targets another .NET than the pinned runtime image runs (<c>net8.0</c> on a .NET 10
    /// image does not start without roll-forward); null when they agree or either is not known.
    /// </summary>
    public string? FrameworkMismatch()
    {
        var runtime = TemplateFiles.RuntimeMajorVersion(TemplateFiles.Dockerfile);
        if (runtime is null || Project.TargetFramework is not { } framework
            || !framework.StartsWith("net", StringComparison.OrdinalIgnoreCase) || !Version.TryParse(framework[3..], out var version) || version.Major < 5
            || version.Major == runtime)
            return null;
        return $"{Project.File.Name} targets {framework}, but the Dockerfile's base images are .NET {runtime}'s: point its SDK_IMAGE and RUNTIME_IMAGE " +
            $"at .NET {version.Major}'s images (e.g. mcr.microsoft.com/dotnet/aspnet:{version.Major}.0-noble-chiseled), then run ./build.sh PinBaseImages to pin their digests";
    }

    private string Relative(AbsolutePath path) => path.RelativeTo(Context).Replace('\\', '/');
}
