namespace Slipway.Components.Dockerfiles;

/// <summary>How bad a finding is: errors fail the DockerLint target, warnings and infos are only reported.</summary>
internal enum LintSeverity
{
    /// <summary>Advice; never fails the build.</summary>
    Info,

    /// <summary>A practice that should change; never fails the build.</summary>
    Warning,

    /// <summary>A problem that fails the build.</summary>
    Error,
}

/// <summary>One problem found by a lint rule.</summary>
/// <param name="Id">The stable rule id, e.g. <c>DL3007</c> (hadolint's id where one matches) or <c>SW1001</c>.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Line">The 1-based line the finding points at; 0 when it concerns the whole file.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="File">The file the finding is in, relative to the build context; null for the Dockerfile itself.</param>
internal sealed record LintFinding(string Id, LintSeverity Severity, int Line, string Message, string? File = null)
{
    /// <summary>The finding as <c>PATH:LINE: ID message</c> (the line is left out when it is 0).</summary>
    public string Format(string path) => Line > 0 ? $"{path}:{Line}: {Id} {Message}" : $"{path}: {Id} {Message}";
}
