using Slipway.Components.References;
namespace Slipway.Components.Dockerfiles;

/// <summary>
/// Every stage's base image is pinned by tag and sha256 digest, so builds are reproducible and a moved tag
/// cannot change what ships. <c>FROM &lt;stage&gt;</c> and <c>scratch</c> need no pin. The reference may come from an
/// <c>ARG</c> default or a build argument.
/// <list type="bullet">
/// <item><c>SW1000</c> error: the base uses a variable that has no value.</item>
/// <item><c>DL3006</c> error: no tag and no digest (hadolint DL3006).</item>
/// <item><c>DL3007</c> error: the <c>latest</c> tag (hadolint DL3007), with a digest too: <c>latest</c> names no version, so
/// the pin does not say which version it is and PinBaseImages/Dependabot cannot move it to a newer version.</item>
/// <item><c>SW1001</c> error: no sha256 digest (or one that is not <c>sha256:</c> + 64 hex digits).</item>
/// <item><c>SW1002</c> info: a digest without a tag; the tag tells readers which version the digest is.</item>
/// </list>
/// </summary>
internal sealed class BaseImagePinningRule : IDockerfileRule
{
    /// <inheritdoc />
    public IEnumerable<LintFinding> Check(LintInput input)
    {
        foreach (var stage in input.Dockerfile.Stages)
        {
            var line = stage.From.Line;
            if (stage.Base is null)
            {
                yield return new("SW1000", LintSeverity.Error, line,
                    $"the base image '{stage.BaseText}' uses a variable without a value; give the ARG a default or pass NAME=value as a build argument (the DockerLintBuildArgs parameter when linting)");
                continue;
            }
            if (stage.ParentStage is not null || stage.IsScratch) continue;

            var image = ImageReference.Parse(stage.Base);
            if (image.Tag is null && image.Digest is null)
            {
                yield return new("DL3006", LintSeverity.Error, line,
                    $"the base image '{stage.Base}' has no tag; pin it as image:tag@sha256:<digest>");
                continue;
            }
            if (string.Equals(image.Tag, "latest", StringComparison.OrdinalIgnoreCase))
                yield return new("DL3007", LintSeverity.Error, line, image.Digest is null
                    ? $"the base image '{stage.Base}' uses the 'latest' tag, which moves; pin a version tag and its sha256 digest"
                    : $"the base image '{stage.Base}' is pinned by digest but tagged 'latest', which names no version: the pin does not say which version it is, and PinBaseImages/Dependabot cannot update it to a version; use an explicit version tag with the digest (image:1.2@sha256:...)");
            if (!image.HasSha256Digest)
                yield return new("SW1001", LintSeverity.Error, line, image.Digest is null
                    ? $"the base image '{stage.Base}' is not pinned by digest; append @sha256:<digest> (docker buildx imagetools inspect {stage.Base})"
                    : $"the base image digest '{image.Digest}' is not a sha256 digest; use @sha256: followed by 64 hex digits");
            else if (image.Tag is null)
                yield return new("SW1002", LintSeverity.Info, line,
                    $"the base image '{stage.Base}' has a digest but no tag; add the tag (image:tag@sha256:...) so readers know the version");
        }
    }
}
