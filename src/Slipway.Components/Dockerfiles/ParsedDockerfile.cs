namespace Slipway.Components.Dockerfiles;

/// <summary>A parsed Dockerfile: its instructions, the build stages they form and any parse errors.</summary>
internal sealed class ParsedDockerfile
{
    /// <summary>The parser directives at the top (<c>syntax</c>, <c>escape</c>, …), keys in lower case.</summary>
    public required IReadOnlyDictionary<string, string> Directives { get; init; }

    /// <summary>The escape character: <c>\</c>, or <c>`</c> with <c># escape=`</c>.</summary>
    public required char EscapeCharacter { get; init; }

    /// <summary>Every instruction in file order.</summary>
    public required IReadOnlyList<DockerfileInstruction> Instructions { get; init; }

    /// <summary>The <c>ARG</c>s declared before the first <c>FROM</c>, with their effective values (null when none).</summary>
    public required IReadOnlyDictionary<string, string?> GlobalArguments { get; init; }

    /// <summary>The build arguments the caller passes, overriding <c>ARG</c> defaults.</summary>
    public required IReadOnlyDictionary<string, string> BuildArguments { get; init; }

    /// <summary>The build stages in order; the last one is the image.</summary>
    public required IReadOnlyList<DockerfileStage> Stages { get; init; }

    /// <summary>Problems that kept the parser from understanding part of the file.</summary>
    public required IReadOnlyList<LintFinding> Errors { get; init; }

    /// <summary>The stage that becomes the image, or null when there is no <c>FROM</c>.</summary>
    public DockerfileStage? FinalStage => Stages.Count > 0 ? Stages[^1] : null;
}
