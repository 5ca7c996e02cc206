namespace Slipway.Hosts;

/// <summary>GitLab CI: collapsible sections.</summary>
internal sealed class GitLabCiHost(IReadOnlyDictionary<string, string> environment) : Host(environment)
{
    public override string Name => "GitLabCi";
    public override string? Branch => Get("CI_COMMIT_BRANCH") ?? Get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME");
    public override string? Commit => Get("CI_COMMIT_SHA");
    public override string? Tag => Get("CI_COMMIT_TAG");
    public override string? PullRequest => Get("CI_MERGE_REQUEST_IID");
    public override string? RunUrl => Get("CI_PIPELINE_URL") ?? Get("CI_JOB_URL");

    // GitLab's section markers: \e[0K clears the line so only the header shows.
    internal override string BeginSection(string name, string id) =>
        $"\u001b[0Ksection_start:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{id}[collapsed=true]\r\u001b[0K{name}";

    internal override string EndSection(string name, string id) =>
        $"\u001b[0Ksection_end:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{id}\r\u001b[0K";
}
