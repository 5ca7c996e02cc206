using Serilog;
using Slipway.Components.Dotnet;

namespace Slipway.Components.Dockerfiles;

/// <summary>The DockerLint target's work on explicit inputs: lint, log each finding as an annotation, summarise, fail on errors.</summary>
internal static class DockerLintRun
{
    /// <summary>Lints <paramref name="dockerfilePath"/>, logs the findings and reports a note like <c>Dockerfile: 0 errors, 1 warning</c>.</summary>
    /// <param name="rootDirectory">The repository root; printed paths are relative to it.</param>
    /// <param name="dockerfilePath">The Dockerfile; its directory is the build context unless <paramref name="contextDirectory"/> is given.</param>
    /// <param name="buildArguments">Build argument values that override <c>ARG</c> defaults.</param>
    /// <param name="reportSummary">Receives the summary note, also when the lint fails.</param>
    /// <param name="logger">Where findings are logged; Serilog's static logger when null.</param>
    /// <param name="platforms">The platforms the image is built for; null or empty when not known or single-platform.</param>
    /// <param name="contextDirectory">
    /// The build context when it is not the Dockerfile's directory, e.g. the solution folder of a Visual Studio Dockerfile in
    /// its project folder; null for the Dockerfile's directory.
    /// </param>
    /// <param name="otherImageFolders">The project folders of the repository's other images (<c>SW1130</c>); none for one image.</param>
    /// <returns>The findings, ordered by file and line.</returns>
    /// <exception cref="BuildFailedException">The Dockerfile is missing, or there are errors.</exception>
    public static IReadOnlyList<LintFinding> Execute(
        string rootDirectory, string dockerfilePath, IReadOnlyDictionary<string, string> buildArguments, Action<string> reportSummary, ILogger? logger = null,
        IReadOnlyList<string>? platforms = null, string? contextDirectory = null, IReadOnlyList<string>? otherImageFolders = null)
    {
        ArgumentNullException.ThrowIfNull(reportSummary);
        if (!File.Exists(dockerfilePath))
            throw new BuildFailedException($"There is no Dockerfile at {dockerfilePath}; add one or pass its path with --dockerfile.");
        var context = Path.GetFullPath(contextDirectory ?? Path.GetDirectoryName(Path.GetFullPath(dockerfilePath))!);
        if (!Directory.Exists(context))
            throw new BuildFailedException($"The build context {context} is not a directory; pass the directory 'docker build' is given.");
        var ignore = DockerIgnore.Load(dockerfilePath, context);
        var globalJson = GlobalJson.Find(context, rootDirectory);
        var findings = new DockerfileLinter().Lint(
                File.ReadAllText(dockerfilePath), ignore, buildArguments, BuildContext.FromDirectory(context, ignore), platforms, globalJson,
                CrossBuildRule.ThisMachine)
            .Concat(CiJobSdkImages.Check(rootDirectory, context, globalJson))
            .Concat(SharedContextCheck.Check(dockerfilePath, context, ignore, otherImageFolders ?? []))
            .ToList();

        var dockerfileName = Relative(rootDirectory, dockerfilePath);
        foreach (var finding in findings)
        {
            var file = finding.File is null ? dockerfileName : Relative(rootDirectory, Path.Combine(context, finding.File));
            var log = Slipway.Logging.Annotations.At(logger ?? Log.Logger, file);
            if (finding.Line > 0) log = log.ForContext(Slipway.Logging.Annotations.SourceLine, finding.Line);
            var text = finding.Format(file);
            switch (finding.Severity)
            {
                case LintSeverity.Error: log.Error("{Finding}", text); break;
                case LintSeverity.Warning: log.Warning("{Finding}", text); break;
                default: log.Information("{Finding}", text); break;
            }
        }

        var errors = findings.Count(f => f.Severity == LintSeverity.Error);
        reportSummary(Summary(dockerfileName, errors, findings.Count(f => f.Severity == LintSeverity.Warning)));
        if (errors > 0)
            throw new BuildFailedException(
                $"{dockerfileName} has {Count(errors, "lint error")}; fix them, or suppress one deliberately with '# slipway-ignore <ID>' on the line above the instruction.");
        return findings;
    }

    /// <summary>The summary note, e.g. <c>Dockerfile: 0 errors, 1 warning</c>.</summary>
    internal static string Summary(string dockerfileName, int errors, int warnings) =>
        $"{dockerfileName}: {Count(errors, "error")}, {Count(warnings, "warning")}";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
