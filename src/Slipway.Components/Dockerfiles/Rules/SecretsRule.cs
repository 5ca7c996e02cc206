using System.Text.RegularExpressions;

namespace Slipway.Components.Dockerfiles;

/// <summary>
/// No secrets are baked into image layers or history.
/// <list type="bullet">
/// <item><c>SW1060</c> error: a <c>COPY</c>/<c>ADD</c> source is a secret file: <c>.env</c> or <c>.env.*</c>, <c>*.pem</c>, <c>*.key</c>, <c>id_rsa*</c> (matched on the last path segment).</item>
/// <item><c>SW1061</c> error: an <c>ENV</c> or <c>ARG</c> whose name contains <c>PASSWORD</c>, <c>PASSWD</c>, <c>TOKEN</c>, <c>SECRET</c>, <c>API_KEY</c> or <c>APIKEY</c> is given a value.</item>
/// </list>
/// Pass secrets at build time with <c>RUN --mount=type=secret</c> and at run time through the environment.
/// </summary>
internal sealed partial class SecretsRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        var escape = input.Dockerfile.EscapeCharacter;
        foreach (var ins in input.Dockerfile.Instructions)
        {
            if (ins.Is("COPY") || ins.Is("ADD"))
            {
                foreach (var source in CopySources.Of(ins, escape).Where(s => SecretFile().IsMatch(CopySources.FileName(s))))
                    yield return new("SW1060", LintSeverity.Error, ins.Line,
                        $"'{source}' looks like a secret and would be baked into a layer; remove it from the {ins.Keyword} and mount it with RUN --mount=type=secret instead");
            }
            else if (ins.Is("ENV") || ins.Is("ARG"))
            {
                var assignments = ins.Is("ENV")
                    ? StageVariables.Assignments(ins, escape)
                    : ShellWords.Split(ins.Arguments, escape).Select(ShellWords.SplitAssignment).Select(a => (a.Name, Value: a.Value ?? "")).ToList();
                foreach (var (name, _) in assignments.Where(a => a.Value.Length > 0 && SecretName().IsMatch(a.Name)))
                    yield return new("SW1061", LintSeverity.Error, ins.Line,
                        $"{ins.Keyword} {name} has a value, which stays readable in the image history; drop the value and pass it with RUN --mount=type=secret or at run time");
            }
        }
    }

    [GeneratedRegex(@"^(\.env(\..*)?|.*\.pem|.*\.key|id_rsa.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFile();

    [GeneratedRegex("PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
