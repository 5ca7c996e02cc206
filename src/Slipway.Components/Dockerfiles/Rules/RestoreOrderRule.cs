using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// In a stage that restores, the dependency manifests are copied and restored before the source, so the restore
/// layer stays cached when only code changes. Manifests are MSBuild projects of any kind (<c>*.*proj</c>: <c>.csproj</c>,
/// <c>.fsproj</c>, <c>.vbproj</c>, <c>.dcproj</c>, <c>.sqlproj</c>, <c>.proj</c>, …), <c>*.sln</c>, <c>*.slnx</c>,
/// <c>Directory.*.props</c>, <c>Directory.*.targets</c>, <c>global.json</c>, <c>NuGet.config</c>, <c>packages.lock.json</c>
/// and <c>dotnet-tools.json</c> (matched on the last path segment, globs included); any other source (<c>.</c>,
/// <c>src/</c>, <c>Program.cs</c>) is source.
/// <list type="bullet">
/// <item><c>SW1020</c> warning: a <c>COPY</c>/<c>ADD</c> of source comes before the stage's <c>dotnet restore</c>.</item>
/// <item><c>SW1021</c> warning: <c>dotnet build/publish/test/pack</c> runs with no <c>dotnet restore</c> step before it.
/// Not when the same <c>RUN</c> has a BuildKit cache mount on the NuGet packages folder (<c>…/.nuget/packages</c> or
/// <c>$NUGET_PACKAGES</c>), nor when it passes <c>--no-restore</c> in a stage built on an earlier stage that ran
/// <c>dotnet restore</c>.</item>
/// </list>
/// </summary>
internal sealed partial class RestoreOrderRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        var dockerfile = input.Dockerfile;
        foreach (var stage in dockerfile.Stages)
        {
            var step = stage.Instructions
                .Select((ins, index) => (ins, index, match: ins.Is("RUN") ? DotnetStep().Match(ins.ShellText) : Match.Empty))
                .FirstOrDefault(x => x.match.Success);
            if (step.ins is null) continue;

            var verb = step.match.Groups[1].Value;
            if (!string.Equals(verb, "restore", StringComparison.Ordinal))
            {
                if (HasNuGetCacheMount(dockerfile, stage, step.ins)) continue;
                var restoredIn = RestoringAncestor(stage);
                if (restoredIn is not null && NoRestore().IsMatch(Command(step.ins.ShellText, step.match.Index))) continue;
                yield return new("SW1021", LintSeverity.Warning, step.ins.Line, restoredIn is null
                    ? $"'dotnet {verb}' restores and builds in one layer; COPY the project files, RUN dotnet restore, then COPY the source and build with --no-restore (or mount a NuGet cache: RUN --mount=type=cache,target=/root/.nuget/packages dotnet {verb} …)"
                    : $"'dotnet {verb}' restores again although stage '{restoredIn.DisplayName}', which this stage builds on, ran dotnet restore; pass --no-restore");
                continue;
            }

            foreach (var copy in stage.Instructions.Take(step.index).Where(i => (i.Is("COPY") || i.Is("ADD")) && !i.HasFlag("from")))
            {
                var source = CopySources.Of(copy, dockerfile.EscapeCharacter).FirstOrDefault(s => !IsManifest(s));
                if (source is not null)
                    yield return new("SW1020", LintSeverity.Warning, copy.Line,
                        $"'{source}' is copied before 'dotnet restore' (line {step.ins.Line}), so every code change re-runs the restore; copy only the project files (*.csproj, Directory.*.props, NuGet.config, …) first and the source after the restore");
            }
        }
    }

    /// <summary>
    /// True when a copy source is a dependency manifest. A one-letter bracket class counts as its letter, so
    /// <c>NuGet.confi[g]</c> (the idiom for "copy NuGet.config when there is one") is a manifest.
    /// </summary>
    internal static bool IsManifest(string source) =>
        ManifestName().IsMatch(OneLetterClass().Replace(CopySources.FileName(source), "$1"));

    /// <summary>True when the <c>RUN</c> mounts a BuildKit cache on the NuGet packages folder, so a restore in it reuses the packages.</summary>
    private static bool HasNuGetCacheMount(ParsedDockerfile dockerfile, DockerfileStage stage, DockerfileInstruction run)
    {
        var targets = CacheMounts.Targets(run);
        if (targets.Any(t => t.EndsWith("/.nuget/packages", StringComparison.Ordinal))) return true;
        return StageVariables.Before(dockerfile, stage, run).TryGetValue("NUGET_PACKAGES", out var folder) &&
               !string.IsNullOrEmpty(folder) && targets.Contains(folder.Length > 1 ? folder.TrimEnd('/') : folder, StringComparer.Ordinal);
    }

    /// <summary>The nearest stage this one builds on that runs <c>dotnet restore</c>; null when none does.</summary>
    private static DockerfileStage? RestoringAncestor(DockerfileStage stage)
    {
        for (var parent = stage.ParentStage; parent is not null; parent = parent.ParentStage)
            if (parent.Instructions.Any(i => i.Is("RUN") && DotnetStep().Matches(i.ShellText).Any(m => m.Groups[1].Value == "restore")))
                return parent;
        return null;
    }

    /// <summary>The shell command that starts at <paramref name="start"/>: up to the next <c>&amp;&amp;</c>, <c>;</c>, <c>|</c> or line end.</summary>
    private static string Command(string text, int start)
    {
        var end = text.IndexOfAny([';', '&', '|', '\n'], start);
        return end < 0 ? text[start..] : text[start..end];
    }

    [GeneratedRegex(@"\[(\w)\]")]
    private static partial Regex OneLetterClass();

    [GeneratedRegex(@"\bdotnet\s+(restore|build|publish|test|pack)\b")]
    private static partial Regex DotnetStep();

    [GeneratedRegex(@"(^|\s)--no-restore(\s|$)")]
    private static partial Regex NoRestore();

    [GeneratedRegex(@"^([^/]*\.([\w*]*proj|sln|slnx)|Directory\.[^/]*\.(props|targets)|global\.json|nuget\.config|packages\.lock\.json|dotnet-tools\.json)$", RegexOptions.IgnoreCase)]
    private static partial Regex ManifestName();
}
