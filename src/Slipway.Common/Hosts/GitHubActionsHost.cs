namespace Slipway.Hosts;

/// <summary>GitHub Actions: groups, annotations, masks and the step summary.</summary>
internal sealed class GitHubActionsHost(IReadOnlyDictionary<string, string> environment) : Host(environment)
{
    public override string Name => "GitHubActions";

    private bool IsPullRequest => Get("GITHUB_EVENT_NAME") is "pull_request" or "pull_request_target";

    public override string? Branch => IsPullRequest
        ? Get("GITHUB_HEAD_REF")
        : Get("GITHUB_REF_TYPE") == "branch" ? Get("GITHUB_REF_NAME") : null;

    public override string? Commit => Get("GITHUB_SHA");

    public override string? Tag => Get("GITHUB_REF_TYPE") == "tag" ? Get("GITHUB_REF_NAME") : null;

    // GITHUB_REF is refs/pull/<number>/merge for pull requests.
    public override string? PullRequest =>
        IsPullRequest && Get("GITHUB_REF") is { } r && r.Split('/') is [_, "pull", var number, ..] ? number : null;

    public override string? RunUrl =>
        Get("GITHUB_SERVER_URL") is { } server && Get("GITHUB_REPOSITORY") is { } repo && Get("GITHUB_RUN_ID") is { } run
            ? $"{server}/{repo}/actions/runs/{run}"
            : null;

    internal override string BeginSection(string name, string id) => $"::group::{name}";
    internal override string EndSection(string name, string id) => "::endgroup::";
    internal override string MaskCommand(string secret) => $"::add-mask::{secret}";

    internal override string Annotation(bool isError, string message, string? file, int? line)
    {
        var properties = new List<string>();
        if (file is not null) properties.Add($"file={Escape(file, property: true)}");
        if (line is not null) properties.Add($"line={line}");
        var head = isError ? "error" : "warning";
        return properties.Count == 0
            ? $"::{head}::{Escape(message, property: false)}"
            : $"::{head} {string.Join(',', properties)}::{Escape(message, property: false)}";
    }

    internal override void WriteSummary(string markdown)
    {
        if (Get("GITHUB_STEP_SUMMARY") is { } path)
            File.AppendAllText(path, markdown + "\n");
    }

    // Workflow commands percent-encode line breaks (and, in properties, ':' and ',').
    private static string Escape(string value, bool property)
    {
        var s = value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        return property ? s.Replace(":", "%3A").Replace(",", "%2C") : s;
    }
}
