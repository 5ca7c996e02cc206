using System.Text;

namespace Slipway.CI;

/// <summary>One job of <c>.gitlab-ci.yml</c>: the attribute's image, services, variables, before_script and artifacts around <c>./build.sh &lt;targets&gt;</c>.</summary>
internal static class GitLabCiJob
{
    /// <param name="sb">Where the job is written.</param>
    /// <param name="g">The attribute.</param>
    /// <param name="variables">The attribute's variables, parsed.</param>
    /// <param name="name">The job's name.</param>
    /// <param name="targets">The arguments of <c>./build.sh</c>.</param>
    /// <param name="rules">The job's rules, if any.</param>
    /// <param name="stage">The job's stage.</param>
    /// <param name="placement">Written after the stage: <c>parallel:</c>, <c>tags:</c>, <c>needs:</c> of a split pipeline.</param>
    /// <param name="handOver">A folder the job hands over to a later job: kept as an artifact unless an artifact path already holds it.</param>
    /// <param name="scans">Whether the job scans, so reports <see cref="GitLabCiAttribute.ContainerScanningReport"/>; a job that only
    /// completes what earlier jobs scanned does not report their scans again.</param>
    public static void Render(StringBuilder sb, GitLabCiAttribute g, IReadOnlyList<(string Name, string Value)> variables,
        string name, string[] targets, IReadOnlyList<(string If, string Comment)> rules, string stage = "publish", Action<StringBuilder>? placement = null,
        string? handOver = null, bool scans = true)
    {
        sb.AppendLine($"{name}:");
        sb.AppendLine($"  stage: {stage}");
        placement?.Invoke(sb);
        var jobRules = GitLabCiConventions.Rules(g, rules);
        if (jobRules.Count > 0)
        {
            sb.AppendLine("  rules:");
            foreach (var (condition, setting, comment) in jobRules)
            {
                sb.AppendLine(condition is null ? $"    - {setting}  # {comment}" : $"    - if: {Yaml.Scalar(condition)}  # {comment}");
                if (condition is not null && setting is not null) sb.AppendLine($"      {setting}");
            }
        }
        if (g.Interruptible) sb.AppendLine("  interruptible: true  # a newer pipeline of the same ref cancels this one");
        if (g.Timeout is not null) sb.AppendLine($"  timeout: {Yaml.Scalar(g.Timeout)}");
        if (g.Image is not null) sb.AppendLine($"  image: {Yaml.Scalar(g.Image)}");
        GitLabCiConventions.Services(sb, g);
        GitLabCiConventions.IdTokens(sb, g);
        sb.AppendLine("  variables:");
        sb.AppendLine("    GIT_DEPTH: '0'  # GitVersion needs the full history and tags");
        foreach (var (variable, value) in variables.Concat(GitLabCiConventions.Variables(g))) sb.AppendLine($"    {variable}: {Yaml.Scalar(value)}");
        GitLabCiConventions.Cache(sb, g);
        var beforeScript = GitLabCiConventions.BeforeScript(g).Concat(g.BeforeScript).ToList();
        if (beforeScript.Count > 0)
        {
            sb.AppendLine("  before_script:");
            foreach (var line in beforeScript) sb.AppendLine($"    - {Yaml.Scalar(line)}");
        }
        sb.AppendLine("  script:");
        sb.AppendLine($"    - {Yaml.Scalar(("./build.sh " + string.Join(' ', targets)).TrimEnd())}");
        string[] paths = handOver is null || g.ArtifactPaths.Any(p => Holds(p, handOver)) ? g.ArtifactPaths : [.. g.ArtifactPaths, handOver];
        var report = scans ? g.ContainerScanningReport : null;
        if (report is not null || paths.Length > 0)
        {
            sb.AppendLine("  artifacts:");
            sb.AppendLine("    when: always");
            if (paths.Length > 0)
            {
                sb.AppendLine("    paths:");
                foreach (var p in paths) sb.AppendLine($"      - {Yaml.Scalar(p)}");
            }
            if (report is not null)
            {
                sb.AppendLine("    reports:");
                sb.AppendLine($"      container_scanning: {Yaml.Scalar(report)}");
            }
        }
    }

    // Whether the artifact path (a folder or file, relative to the project directory) is the folder or one that contains it.
    private static bool Holds(string path, string folder)
    {
        var normalized = (path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path).TrimEnd('/') + "/";
        return folder.StartsWith(normalized, StringComparison.Ordinal);
    }
}
