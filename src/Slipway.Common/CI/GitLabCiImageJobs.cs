using System.Text;

namespace Slipway.CI;

/// <summary>
/// The jobs of a pipeline split into one job per image (<see cref="GitLabCiAttribute.ImageJobs"/>): a
/// <c>parallel:matrix</c> job, one job per image, each pushing its image by digest, then the final job that needs all of
/// them with their artifacts and completes the release set.
/// </summary>
internal static class GitLabCiImageJobs
{
    /// <summary>The stage of the image jobs, before <c>publish</c>.</summary>
    public const string Stage = "images";

    public static void Render(StringBuilder sb, GitLabCiAttribute g, IReadOnlyList<(string Name, string Value)> variables,
        IReadOnlyList<(string If, string Comment)> rules)
    {
        var images = CiImageJobs.Parse("[GitLabCi]", g.ImageJobs, g.PlatformRunnerTags.Length > 0 ? "PlatformRunnerTags" : null);
        if (variables.Any(v => v.Name == "IMAGE"))
            throw new BuildUsageException("[GitLabCi] sets the variable IMAGE in Variables, but with ImageJobs the matrix sets IMAGE to each job's image name: give the variable another name.");

        var imageJob = g.JobName + "-image";
        GitLabCiJob.Render(sb, g, variables, imageJob, ["PublishImage", "--images", "\"$IMAGE\""], rules, Stage, job =>
        {
            job.AppendLine("  # One job per image: tested, linted, built, scanned and pushed by digest, no tags.");
            job.AppendLine("  parallel:");
            job.AppendLine("    matrix:");
            job.AppendLine("      - IMAGE:");
            foreach (var image in images) job.AppendLine($"          - {Yaml.Scalar(image)}");
        }, CiImageJobs.HandOver);
        sb.AppendLine();
        GitLabCiJob.Render(sb, g, variables, g.JobName, ["PublishSet"], rules, "publish", job =>
        {
            job.AppendLine("  # The release set: every image job's record (artifacts/image-jobs/) checked, then each image tagged with the version and signed.");
            job.AppendLine("  needs:");
            job.AppendLine($"    - job: {imageJob}");
            job.AppendLine("      artifacts: true");
        }, scans: false);
    }
}
