using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>DL3000</c> error (hadolint DL3000): <c>WORKDIR</c> is an absolute path (after <c>ARG</c>/<c>ENV</c> substitution),
/// so it does not depend on the directory the base image happens to set. A path with a variable that has no
/// known value is not checked.
/// </summary>
internal sealed partial class WorkdirRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        foreach (var stage in input.Dockerfile.Stages)
        {
            foreach (var workdir in stage.Instructions.Where(i => i.Is("WORKDIR")))
            {
                var path = StageVariables.Expand(input.Dockerfile, stage, workdir, workdir.Arguments.Trim('"', '\''));
                if (path is null || path.StartsWith('/') || WindowsAbsolute().IsMatch(path)) continue;
                yield return new("DL3000", LintSeverity.Error, workdir.Line,
                    $"WORKDIR '{workdir.Arguments}' is relative; use an absolute path such as /app or /src");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex WindowsAbsolute();
}
