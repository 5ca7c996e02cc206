using System.Text;

namespace Slipway.CI;

/// <summary>The <c>on:</c> block of a workflow: each trigger only when its list is not empty, and always <c>workflow_dispatch</c>.</summary>
internal static class GitHubActionsTriggers
{
    public static void Render(StringBuilder sb, GitHubActionsAttribute w)
    {
        sb.AppendLine("on:");
        if (w.OnPushBranches.Length + w.OnPushTags.Length > 0)
        {
            sb.AppendLine("  push:");
            List(sb, "    branches:", w.OnPushBranches);
            List(sb, "    tags:", w.OnPushTags);
        }
        if (w.OnPullRequestBranches.Length > 0)
        {
            sb.AppendLine("  pull_request:");
            List(sb, "    branches:", w.OnPullRequestBranches);
        }
        if (w.Schedule.Length > 0)
        {
            sb.AppendLine("  schedule:");
            foreach (var cron in w.Schedule) sb.AppendLine($"    - cron: {Yaml.Scalar(Cron(w, cron))}");
        }
        sb.AppendLine("  workflow_dispatch:");
    }

    /// <summary>The expression when it has GitHub's five fields, else a usage error naming the attribute.</summary>
    private static string Cron(GitHubActionsAttribute w, string cron)
    {
        var fields = cron.Split(' ', '\t').Count(f => f.Length > 0);
        if (fields != 5)
        {
            throw new BuildUsageException(
                $"[GitHubActions(\"{w.Name}\")] Schedule '{cron}' has {fields} field{(fields == 1 ? "" : "s")}; a cron expression has 5 " +
                "(minute hour day-of-month month day-of-week, in UTC), e.g. '0 6 * * *' for every day at 06:00.");
        }
        return cron;
    }

    private static void List(StringBuilder sb, string key, string[] items)
    {
        if (items.Length == 0) return;
        sb.AppendLine(key);
        foreach (var item in items) sb.AppendLine($"{new string(' ', key.Length - key.TrimStart().Length + 2)}- {Yaml.Scalar(item)}");
    }
}
