using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// In a stage that restores, the dependency manifests are copied and restored before the source, so the restore
/// layer stays cached when only code changes. Manifests are <c>*.csproj</c>, <c>*.fsproj</c>, <c>*.vbproj</c>,
/// <c>*.sln</c>, <c>*.slnx</c>, <c>Directory.*.props</c>, <c>Directory.*.targets</c>, <c>global.json</c>,
/// <c>NuGet.config</c>, <c>packages.lock.json</c> and <c>dotnet-tools.json</c> (matched on the last path segment,
/// globs included); any other source (<c>.</c>, <c>src/</c>, <c>Program.cs</c>) is source.
/// <list type="bullet">
/// <item><c>SW1020</c> warning: a <c>COPY</c>/<c>ADD</c> of source comes before the stage's <c>dotnet restore</c>.</item>
/// <item><c>SW1021</c> warning: <c>dotnet build/publish/test/pack</c> runs with no <c>dotnet restore</c> step before it.</item>
/// </list>
/// </summary>
internal sealed partial class RestoreOrderRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        var escape = input.Dockerfile.EscapeCharacter;
        foreach (var stage in input.Dockerfile.Stages)
        {
            var step = stage.Instructions
                .Select((ins, index) => (ins, index, match: ins.Is("RUN") ? DotnetStep().Match(ins.ShellText) : Match.Empty))
                .FirstOrDefault(x => x.match.Success);
            if (step.ins is null) continue;

            if (!string.Equals(step.match.Groups[1].Value, "restore", StringComparison.Ordinal))
            {
                yield return new("SW1021", LintSeverity.Warning, step.ins.Line,
                    $"'dotnet {step.match.Groups[1].Value}' restores and builds in one layer; COPY the project files, RUN dotnet restore, then COPY the source and build with --no-restore");
                continue;
            }

            foreach (var copy in stage.Instructions.Take(step.index).Where(i => (i.Is("COPY") || i.Is("ADD")) && !i.HasFlag("from")))
            {
                var source = CopySources.Of(copy, escape).FirstOrDefault(s => !IsManifest(s));
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

    [GeneratedRegex(@"\[(\w)\]")]
    private static partial Regex OneLetterClass();

    [GeneratedRegex(@"\bdotnet\s+(restore|build|publish|test|pack)\b")]
    private static partial Regex DotnetStep();

    [GeneratedRegex(@"^([^/]*\.(csproj|fsproj|vbproj|sln|slnx)|Directory\.[^/]*\.(props|targets)|global\.json|nuget\.config|packages\.lock\.json|dotnet-tools\.json)$", RegexOptions.IgnoreCase)]
    private static partial Regex ManifestName();
}
