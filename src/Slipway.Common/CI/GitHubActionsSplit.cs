using System.Text;

namespace Slipway.CI;

/// <summary>
/// The jobs of a workflow split across native runners (<see cref="GitHubActionsAttribute.PlatformRunners"/>): a matrix
/// job, one runner per platform, then the merge job that needs them all.
/// </summary>
internal static class GitHubActionsSplit
{
    private const string HandOver = "artifacts/platforms/";

    public static void Render(StringBuilder sb, GitHubActionsAttribute w)
    {
        var attribute = $"[GitHubActions(\"{w.Name}\")]";
        var runners = CiPlatformRunners.Parse(attribute, "PlatformRunners", w.PlatformRunners, "linux/arm64=ubuntu-24.04-arm");

        var id = GitHubActionsWriter.Id(w.Name);
        sb.AppendLine($"  {id}-platform:");
        sb.AppendLine("    # One job per platform on a runner of that architecture: built, scanned and pushed by digest, no tags.");
        sb.AppendLine("    strategy:");
        sb.AppendLine("      fail-fast: true");
        sb.AppendLine("      matrix:");
        sb.AppendLine("        include:");
        foreach (var (platform, runner) in runners)
        {
            sb.AppendLine($"          - platform: {Yaml.Scalar(platform)}");
            sb.AppendLine($"            runner: {Yaml.Scalar(runner)}");
        }
        sb.AppendLine("    runs-on: ${{ matrix.runner }}");
        GitHubActionsWriter.JobHead(sb, w, release: false);
        GitHubActionsWriter.Setup(sb, w, buildx: w.SetupBuildx, cosign: false, trivy: true);
        GitHubActionsWriter.BuildStep(sb, w, [.. w.PlatformTargets, "--platforms", "${{ matrix.platform }}"]);
        GitHubActionsWriter.Sarif(sb, w, "${{ matrix.platform }}");
        GitHubActionsWriter.Artifacts(sb, w, "platform-${{ strategy.job-index }}", [HandOver], always: false);
        GitHubActionsWriter.Artifacts(sb, w, $"{id}-artifacts-${{{{ strategy.job-index }}}}", w.ArtifactPaths);
        sb.AppendLine();
        sb.AppendLine($"  {id}:");
        sb.AppendLine("    # The index of the platform images, checked, tagged with the version and signed.");
        sb.AppendLine($"    needs: {id}-platform");
        sb.AppendLine($"    runs-on: {Yaml.Scalar(w.RunsOn)}");
        GitHubActionsWriter.JobHead(sb, w, release: true);
        GitHubActionsWriter.Setup(sb, w, buildx: false, cosign: w.InstallCosign, trivy: false);
        sb.AppendLine($"      - uses: {GitHubActionsAttribute.Actions["download-artifact"]}");
        sb.AppendLine("        with:");
        sb.AppendLine("          pattern: platform-*");
        sb.AppendLine($"          path: {HandOver.TrimEnd('/')}");
        sb.AppendLine("          merge-multiple: true");
        GitHubActionsWriter.BuildStep(sb, w, w.MergeTargets, trivy: false);
        GitHubActionsWriter.Artifacts(sb, w, $"{id}-artifacts", w.ArtifactPaths);
    }
}
