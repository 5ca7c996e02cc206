using System.Xml.Linq;
using Slipway.IO;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// A project AddDockerfile can give a Dockerfile: an executable project of the solution, read from its project file
/// (the SDK, <c>OutputType</c> and <c>AssemblyName</c> it sets itself; <c>Directory.Build.props</c> is not evaluated).
/// </summary>
/// <param name="File">The project file.</param>
/// <param name="AssemblyName">The assembly the service runs as, without <c>.dll</c>: <c>AssemblyName</c>, else the file's name.</param>
/// <param name="IsAspNetCore">True for <c>Sdk="Microsoft.NET.Sdk.Web"</c>: an HTTP service, so the image gets a port and a health check.</param>
/// <param name="TargetFramework">The <c>TargetFramework</c> the project sets, e.g. <c>net8.0</c>; null when it sets none or several.</param>
internal sealed record ServiceProject(AbsolutePath File, string AssemblyName, bool IsAspNetCore, string? TargetFramework = null)
{
    private const string WebSdk = "Microsoft.NET.Sdk.Web";

    /// <summary>The project's folder, where its Dockerfile goes.</summary>
    public AbsolutePath Folder => File.Parent!;

    /// <summary>
    /// The project <paramref name="given"/> names (its folder, holding one <c>*.*proj</c>, or the project file), checked to
    /// be an executable project of <paramref name="solution"/>.
    /// </summary>
    /// <exception cref="BuildFailedException">It does not exist, is not a project, is a library, or is not in the solution.</exception>
    public static ServiceProject Read(AbsolutePath given, AbsolutePath solution)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(solution);
        var file = ProjectFile(given);
        var project = ProjectFiles.Load(file.ReadAllText())
            ?? throw new BuildFailedException($"{file} is not an MSBuild project (it is not XML); pass the .csproj of the service with --project.");
        var sdks = Sdks(project);
        var isAspNetCore = sdks.Contains(WebSdk, StringComparer.OrdinalIgnoreCase);
        if (!IsExecutable(project, sdks))
            throw new BuildFailedException(
                $"{file.Name} is not an executable project: it builds a library (no <OutputType>Exe</OutputType>, and not the Web or Worker SDK), " +
                "and a library cannot be an image's entry point. Pass the service project that references it with --project.");
        if (!InSolution(file, solution))
            throw new BuildFailedException(
                $"{file.Name} is not in the solution {solution.Name}, so the build neither restores nor tests it. " +
                $"Add it first (dotnet sln {solution.Name} add {Path.GetRelativePath(solution.Parent!, file).Replace('\\', '/')}), or name another solution with --solution.");
        var assembly = ProjectFiles.AssemblyName(project) is { Length: > 0 } name && !ProjectFiles.HasExpression(name)
            ? name
            : Path.GetFileNameWithoutExtension(file.Name);
        var framework = project.Descendants().LastOrDefault(e => e.Name.LocalName == "TargetFramework")?.Value.Trim();
        return new ServiceProject(file, assembly, isAspNetCore, framework is { Length: > 0 } && !ProjectFiles.HasExpression(framework) ? framework : null);
    }

    private static AbsolutePath ProjectFile(AbsolutePath given)
    {
        if (given.FileExists())
            return ProjectFiles.IsProject(given.Name)
                ? given
                : throw new BuildFailedException($"{given} is not a project file; pass the service's folder or its .csproj with --project.");
        if (!given.DirectoryExists())
            throw new BuildFailedException($"There is no project at {given}; pass the service's folder or its .csproj with --project (e.g. --project src/Contoso.Worker).");
        var projects = Directory.EnumerateFiles(given).Where(ProjectFiles.IsProject).Select(AbsolutePath.Create).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return projects.Count switch
        {
            1 => projects[0],
            0 => throw new BuildFailedException($"The folder {given} holds no project file (*.csproj); pass the service's folder or its .csproj with --project."),
            _ => throw new BuildFailedException(
                $"The folder {given} holds {projects.Count} project files ({string.Join(", ", projects.Select(p => p.Name))}); pass the one to containerize with --project <path to .csproj>."),
        };
    }

    /// <summary>The SDKs of <c>&lt;Project Sdk="…"&gt;</c> (several separated by <c>;</c>) and of <c>&lt;Sdk Name="…"/&gt;</c> elements, versions left out.</summary>
    private static IReadOnlyList<string> Sdks(XDocument project) =>
        ((string?)project.Root?.Attribute("Sdk") ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Concat(project.Descendants().Where(e => e.Name.LocalName == "Sdk").Select(e => (string?)e.Attribute("Name") ?? ""))
            .Select(sdk => sdk.Split('/')[0].Trim())
            .ToList();

    /// <summary>An explicit <c>OutputType</c> decides; else the Web and Worker SDKs build executables, the others libraries.</summary>
    private static bool IsExecutable(XDocument project, IReadOnlyList<string> sdks)
    {
        if (project.Descendants().LastOrDefault(e => e.Name.LocalName == "OutputType")?.Value.Trim() is { Length: > 0 } outputType)
            return outputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) || outputType.Equals("WinExe", StringComparison.OrdinalIgnoreCase);
        return sdks.Any(sdk => sdk.Equals(WebSdk, StringComparison.OrdinalIgnoreCase) || sdk.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase));
    }

    private static bool InSolution(AbsolutePath file, AbsolutePath solution)
    {
        if (!solution.FileExists())
            throw new BuildFailedException($"The solution {solution} does not exist; name it with --solution <path>.");
        var folder = solution.Parent!;
        return ProjectFiles.SolutionProjects(solution, solution.ReadAllText())
            .Any(p => string.Equals(Path.GetFullPath(Path.Combine(folder, p)), file, StringComparison.Ordinal));
    }
}
