using System.Text;

namespace Slipway.CI;

/// <summary>
/// The scheduled job of <see cref="GitLabCiAttribute.ScheduledTargets"/>: its name, its rule, and the rule that keeps the
/// main job out of scheduled pipelines. GitLab sets <c>CI_PIPELINE_SOURCE</c> to <c>schedule</c> in a pipeline a
/// schedule started (with <c>CI_COMMIT_BRANCH</c> or <c>CI_COMMIT_TAG</c> of the ref it runs for).
/// </summary>
internal static class GitLabCiSchedule
{
    public const string IsScheduled = "$CI_PIPELINE_SOURCE == \"schedule\"";

    /// <summary>The workflow rule, first of all, that lets every scheduled pipeline through, a branch with an open merge request included.</summary>
    public static readonly (string If, string? When, string Comment) WorkflowRule = (IsScheduled, null, "scheduled pipelines (Build > Pipeline schedules)");

    /// <summary>The scheduled job's rule.</summary>
    public static readonly (string If, string Comment) ScheduledJobRule = (IsScheduled, "scheduled pipelines only");

    /// <summary>Top-level keys of <c>.gitlab-ci.yml</c> that are not jobs.</summary>
    private static readonly HashSet<string> Keywords =
        ["default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script", "after_script", "types"];

    /// <summary>The scheduled job's name, the targets in kebab case (<c>ScanPublished</c> → <c>scan-published</c>), or null without scheduled targets.</summary>
    public static string? JobName(GitLabCiAttribute g)
    {
        if (g.ScheduledTargets.Length == 0) return null;
        var name = string.Join('-', g.ScheduledTargets.Select(Kebab));
        if (name.Length == 0 || name == g.JobName || Keywords.Contains(name))
        {
            throw new BuildUsageException(
                $"[GitLabCi] ScheduledTargets {string.Join(", ", g.ScheduledTargets)} would name the scheduled job '{name}', " +
                $"which {(name == g.JobName ? "is the JobName of the main job" : "is not a job name GitLab accepts")}; rename the target or set JobName.");
        }
        return name;
    }

    /// <summary>The main job's rule: every pipeline but a scheduled one (and, without workflow rules, no merge request pipeline, as GitLab's default).</summary>
    public static (string If, string Comment) MainJobRule(GitLabCiAttribute g, string scheduledJob) =>
        g.AvoidDuplicatePipelines
            ? ("$CI_PIPELINE_SOURCE != \"schedule\"", $"a scheduled pipeline runs {scheduledJob} only")
            : ("$CI_PIPELINE_SOURCE != \"schedule\" && $CI_PIPELINE_SOURCE != \"merge_request_event\"",
                $"branch and tag pipelines; a scheduled pipeline runs {scheduledJob} only");

    /// <summary>The comment above the scheduled job: GitLab reads no schedule from the file.</summary>
    public static void Comment(StringBuilder sb, GitLabCiAttribute g)
    {
        sb.AppendLine($"# Runs ./build.sh {string.Join(' ', g.ScheduledTargets)} in scheduled pipelines only. The schedule (its cron and branch) is not");
        sb.AppendLine("# part of this file: create it in the project's CI/CD settings, Build > Pipeline schedules > New schedule.");
    }

    private static string Kebab(string target)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < target.Length; i++)
        {
            var c = target[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
                continue;
            }
            var wordStart = char.IsAsciiLetterUpper(c) && i > 0
                && (char.IsAsciiLetterLower(target[i - 1]) || char.IsAsciiDigit(target[i - 1])
                    || (char.IsAsciiLetterUpper(target[i - 1]) && i + 1 < target.Length && char.IsAsciiLetterLower(target[i + 1])));
            if (wordStart && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Trim('-');
    }
}
