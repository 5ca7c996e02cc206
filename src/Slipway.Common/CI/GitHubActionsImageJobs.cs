using System.Text;

namespace Slipway.CI;

/// <summary>
/// The jobs of a workflow split into one job per image (<see cref="GitHubActionsAttribute.ImageJobs"/>): a matrix job,
/// one entry per image, each pushing its image by digest, then the final job that needs them all and completes the
/// release set.
/// </summary>
internal static class GitHubActionsImageJobs
{
    public static void Render(StringBuilder sb, GitHubActionsAttribute w)
    {
        var attribute = $"[GitHubActions(\"{w.Name}\")]";
        var images = CiImageJobs.Parse(attribute, w.ImageJobs, w.PlatformRunners.Length > 0 ? "PlatformRunners" : null);

        var id = GitHubActionsWriter.Id(w.Name);
        // The hand-over's names start with the job's id, so no other artifact of the run (<id>-artifacts-…) matches them.
        var handOver = $"{id}-image-";
        sb.AppendLine($"  {id}-image:");
        sb.AppendLine("    # One job per image: tested, linted, built, scanned and pushed by digest, no tags.");
        sb.AppendLine("    strategy:");
        sb.AppendLine("      # The images are one release, all or nothing: the first image that fails cancels the others' jobs.");
        sb.AppendLine("      fail-fast: true");
        sb.AppendLine("      matrix:");
        sb.AppendLine("        image:");
        foreach (var image in images) sb.AppendLine($"          - {Yaml.Scalar(image)}");
        sb.AppendLine($"    runs-on: {Yaml.Scalar(w.RunsOn)}");
        GitHubActionsWriter.JobHead(sb, w, release: false);
        GitHubActionsWriter.Setup(sb, w, buildx: w.SetupBuildx, cosign: false, trivy: true);
        GitHubActionsWriter.BuildStep(sb, w, [.. w.ImageTargets, "--images", "${{ matrix.image }}"]);
        // No category: the image's SARIF run carries its own (automationDetails.id slipway/trivy/<image>/).
        GitHubActionsWriter.Sarif(sb, w, null);
        GitHubActionsWriter.Artifacts(sb, w, handOver + "${{ matrix.image }}", [CiImageJobs.HandOver], always: false);
        GitHubActionsWriter.Artifacts(sb, w, $"{id}-artifacts-${{{{ matrix.image }}}}", w.ArtifactPaths);
        sb.AppendLine();
        sb.AppendLine($"  {id}:");
        sb.AppendLine("    # The release set: every image job's record checked, then each image tagged with the version and signed.");
        sb.AppendLine($"    needs: {id}-image");
        sb.AppendLine($"    runs-on: {Yaml.Scalar(w.RunsOn)}");
        GitHubActionsWriter.JobHead(sb, w, release: true);
        GitHubActionsWriter.Setup(sb, w, buildx: false, cosign: w.InstallCosign, trivy: false);
        sb.AppendLine($"      - uses: {GitHubActionsAttribute.Actions["download-artifact"]}");
        sb.AppendLine("        with:");
        sb.AppendLine($"          pattern: {handOver}*");
        sb.AppendLine($"          path: {CiImageJobs.HandOver.TrimEnd('/')}");
        sb.AppendLine("          merge-multiple: true");
        GitHubActionsWriter.BuildStep(sb, w, w.SetTargets, trivy: false);
        GitHubActionsWriter.Artifacts(sb, w, $"{id}-artifacts", w.ArtifactPaths);
    }
}
