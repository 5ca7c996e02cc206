using Slipway.Components.References;
namespace Slipway.Components.Dockerfiles;

/// <summary>
/// <c>SW1010</c> error: the final stage (the image that ships) is not built on a .NET SDK image, directly or through
/// the stages it builds on. The SDK belongs in a build stage; the final stage starts from a runtime image and
/// copies the published output (<c>COPY --from=build</c>). A single-stage Dockerfile on an SDK image fails too.
/// </summary>
internal sealed class FinalStageRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        if (input.Dockerfile.FinalStage is not { } final || final.RootImage is not { } root) yield break;
        if (!ImageReference.Parse(root).IsDotnetSdk) yield break;

        var how = final.ParentStage is null
            ? $"is based on the SDK image '{root}'"
            : $"builds on stage '{final.ParentStage.DisplayName}', which is based on the SDK image '{root}'";
        var fix = input.Dockerfile.Stages.Count == 1
            ? "split it into a build stage on the SDK and a final stage on a runtime image (e.g. dotnet/aspnet) that copies the published output"
            : "start the final stage from a runtime image (e.g. dotnet/aspnet) and COPY --from the build stage only the published output";
        yield return new("SW1010", LintSeverity.Error, final.From.Line, $"the final stage {how}; {fix}");
    }
}
