using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>DL3020</c> error (hadolint DL3020): <c>ADD</c> is used only where <c>COPY</c> cannot do the job: a remote URL
/// (<c>http(s)://</c>, <c>git@</c>) or a local tar archive to extract (<c>.tar</c>, <c>.tar.gz</c>, <c>.tgz</c>,
/// <c>.tar.bz2</c>, <c>.tbz2</c>, <c>.tar.xz</c>, <c>.txz</c>, <c>.tar.zst</c>). Any other source should be copied with <c>COPY</c>.
/// </summary>
internal sealed partial class AddInsteadOfCopyRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        var escape = input.Dockerfile.EscapeCharacter;
        foreach (var add in input.Dockerfile.Instructions.Where(i => i.Is("ADD")))
        {
            var local = CopySources.Of(add, escape).FirstOrDefault(s => !CopySources.IsRemote(s) && !Archive().IsMatch(s));
            if (local is not null)
                yield return new("DL3020", LintSeverity.Error, add.Line,
                    $"ADD '{local}' neither downloads nor extracts anything; use COPY for local files and folders");
        }
    }

    [GeneratedRegex(@"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$", RegexOptions.IgnoreCase)]
    private static partial Regex Archive();
}
