namespace Slipway.Components.Dockerfiles;

/// <summary>A <c>--name=value</c> flag of an instruction, e.g. <c>--from=build</c> of <c>COPY</c>.</summary>
internal sealed record InstructionFlag(string Name, string? Value);

/// <summary>A heredoc attached to an instruction: <c>RUN &lt;&lt;EOF</c> … <c>EOF</c>.</summary>
/// <param name="Name">The delimiter word, e.g. <c>EOF</c>.</param>
/// <param name="Body">The lines between the instruction and the delimiter, joined with <c>\n</c>.</param>
internal sealed record Heredoc(string Name, string Body);

/// <summary>One instruction of a Dockerfile, with its continuation lines joined.</summary>
/// <param name="Keyword">The instruction keyword in upper case, e.g. <c>COPY</c>.</param>
/// <param name="Arguments">Everything after the keyword and its flags, continuation lines joined, trimmed.</param>
/// <param name="Flags">The leading <c>--name[=value]</c> flags.</param>
/// <param name="JsonArguments">The arguments when written in JSON (exec) form, otherwise null.</param>
/// <param name="Heredocs">The heredocs that follow the instruction.</param>
/// <param name="Line">The 1-based line the instruction starts on.</param>
/// <param name="EndLine">The 1-based last line of the instruction, continuation lines and heredocs included.</param>
/// <param name="IgnoredIds">Rule ids suppressed by a <c># slipway-ignore</c> comment on the line directly above.</param>
internal sealed record DockerfileInstruction(
    string Keyword,
    string Arguments,
    IReadOnlyList<InstructionFlag> Flags,
    IReadOnlyList<string>? JsonArguments,
    IReadOnlyList<Heredoc> Heredocs,
    int Line,
    int EndLine,
    IReadOnlySet<string> IgnoredIds)
{
    /// <summary>True when the arguments are a JSON array (exec form).</summary>
    public bool IsJsonForm => JsonArguments is not null;

    /// <summary>The value of the last flag with this name (without dashes); null when absent or valueless.</summary>
    public string? Flag(string name) =>
        Flags.LastOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>True when a flag with this name (without dashes) is present.</summary>
    public bool HasFlag(string name) =>
        Flags.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for this keyword (case-insensitive).</summary>
    public bool Is(string keyword) => string.Equals(Keyword, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>The shell commands a <c>RUN</c> executes: its arguments and the bodies of its heredocs.</summary>
    public string ShellText =>
        Heredocs.Count == 0 ? Arguments : Arguments + "\n" + string.Join("\n", Heredocs.Select(h => h.Body));
}
