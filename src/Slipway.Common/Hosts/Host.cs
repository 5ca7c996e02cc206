using Slipway.RunState;

namespace Slipway.Hosts;

/// <summary>Where the build runs: a terminal or a CI service, with what it knows about the commit being built.</summary>
public abstract class Host
{
    private protected Host(IReadOnlyDictionary<string, string> environment) => Environment = environment;

    /// <summary>
    /// The environment the host was detected from: CI variables such as <c>GITHUB_REF</c> or <c>CI_PIPELINE_SOURCE</c>.
    /// Components read them here rather than from the process, so a test can run a build with an environment of its own.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A short name: <c>Terminal</c>, <c>GitHubActions</c>, <c>GitLabCi</c> or <c>Ci</c>.</summary>
    public abstract string Name { get; }

    /// <summary>True on a CI service, false in a developer's terminal.</summary>
    public virtual bool IsServerBuild => true;

    /// <summary>The branch being built, when the host knows it.</summary>
    public virtual string? Branch => null;

    /// <summary>The full commit SHA being built, when the host knows it.</summary>
    public virtual string? Commit => null;

    /// <summary>The git tag being built, when the build was started by a tag.</summary>
    public virtual string? Tag => null;

    /// <summary>The pull or merge request number, when the build is for one.</summary>
    public virtual string? PullRequest => null;

    /// <summary>A link to this run on the CI service.</summary>
    public virtual string? RunUrl => null;

    /// <summary>True when the output goes to an interactive terminal that shows colour.</summary>
    public virtual bool SupportsColor => false;

    /// <summary>Detects the host from the process environment.</summary>
    public static Host Detect() => Detect(ReadEnvironment(), Console.IsOutputRedirected);

    internal static Host Detect(IReadOnlyDictionary<string, string> environment, bool outputRedirected)
    {
        if (IsSet(environment, "GITHUB_ACTIONS")) return new GitHubActionsHost(environment);
        if (IsSet(environment, "GITLAB_CI")) return new GitLabCiHost(environment);
        if (IsSet(environment, "CI") || IsSet(environment, "TF_BUILD") || IsSet(environment, "JENKINS_URL"))
            return new GenericCiHost(environment);
        return new TerminalHost(environment, outputRedirected);
    }

    internal static IReadOnlyDictionary<string, string> ReadEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            result[(string)entry.Key] = entry.Value as string ?? "";
        return result;
    }

    private static bool IsSet(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var value) && value.Length > 0 && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";

    private protected string? Get(string name) =>
        Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Text that opens a collapsible section for a target, or null.</summary>
    internal virtual string? BeginSection(string name, string id) => null;

    /// <summary>Text that closes the section opened for a target, or null.</summary>
    internal virtual string? EndSection(string name, string id) => null;

    /// <summary>A line that registers a secret with the host's own log masking, or null.</summary>
    internal virtual string? MaskCommand(string secret) => null;

    /// <summary>A line that turns an error or warning into an annotation, or null.</summary>
    internal virtual string? Annotation(bool isError, string message, string? file, int? line) => null;

    /// <summary>
    /// Appends Markdown to the run's summary page where the host has one (GitHub Actions' step summary); elsewhere nothing.
    /// The summary table's notes (<see cref="ISlipwayBuild.ReportSummary"/>) reach every host.
    /// </summary>
    public void AppendSummary(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        WriteSummary(CurrentRun.Value?.Mask(markdown) ?? markdown);
    }

    /// <summary>Writes Markdown to the host's summary page.</summary>
    internal virtual void WriteSummary(string markdown) { }
}
