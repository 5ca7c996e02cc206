namespace Slipway.Components.Dockerfiles;

/// <summary>Finds the instructions that take effect in the image: those of the final stage and of the stages it builds on.</summary>
internal static class FinalStageInstructions
{
    /// <summary>
    /// The last instruction with <paramref name="keyword"/> that applies to the final stage (its own, else inherited
    /// from the stage it builds on) and the stage it is in; null when there is none.
    /// </summary>
    public static (DockerfileInstruction Instruction, DockerfileStage Stage)? Last(ParsedDockerfile dockerfile, string keyword)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        for (var stage = dockerfile.FinalStage; stage is not null; stage = stage.ParentStage)
            if (stage.Instructions.LastOrDefault(i => i.Is(keyword)) is { } found)
                return (found, stage);
        return null;
    }
}
