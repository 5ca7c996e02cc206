using System.Text;

namespace Slipway.CI;

/// <summary>
/// The jobs of a pipeline split across runners per platform (<see cref="GitLabCiAttribute.PlatformRunnerTags"/>): a
/// <c>parallel:matrix</c> job whose runner is chosen by tag, then the merge job that needs all of its jobs.
/// </summary>
internal static class GitLabCiSplit
{
    public static void Render(StringBuilder sb, GitLabCiAttribute g, IReadOnlyList<(string Name, string Value)> variables,
        IReadOnlyList<(string If, string Comment)> rules)
    {
        var runners = CiPlatformRunners.Parse("[GitLabCi]", "PlatformRunnerTags", g.PlatformRunnerTags, "linux/arm64=saas-linux-small-arm64");

        var platformJob = g.JobName + "-platform";
        GitLabCiJob.Render(sb, g, variables, platformJob, ["PublishPlatform", "--platforms", "\"$PLATFORM\""], rules, "platforms", job =>
        {
            job.AppendLine("  # One job per platform on a runner of that architecture: built, scanned and pushed by digest, no tags.");
            job.AppendLine("  parallel:");
            job.AppendLine("    matrix:");
            foreach (var (platform, tag) in runners)
            {
                job.AppendLine($"      - PLATFORM: {Yaml.Scalar(platform)}");
                job.AppendLine($"        RUNNER_TAG: {Yaml.Scalar(tag)}");
            }
            job.AppendLine("  tags:");
            job.AppendLine("    - $RUNNER_TAG");
        });
        sb.AppendLine();
        GitLabCiJob.Render(sb, g, variables, g.JobName, ["PublishIndex"], rules, "publish", job =>
        {
            job.AppendLine("  # The index of the platform images (their artifacts/platforms/), checked, tagged with the version and signed.");
            job.AppendLine("  needs:");
            job.AppendLine($"    - job: {platformJob}");
            job.AppendLine("      artifacts: true");
        });
    }
}
