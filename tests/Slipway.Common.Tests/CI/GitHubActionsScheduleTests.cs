using Slipway.CI;
using Slipway.Common.Tests.Support;
using Slipway.IO;
using YamlDotNet.RepresentationModel;
using static Slipway.Common.Tests.CI.CiYaml;

namespace Slipway.Common.Tests.CI;

/// <summary><c>Schedule</c>, and the trigger lists whose emptiness means "no such trigger".</summary>
public sealed class GitHubActionsScheduleTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitHubActions("rescan", InvokedTargets = ["Rescan"], OnPushBranches = [], OnPushTags = [], OnPullRequestBranches = [],
        Schedule = ["0 6 * * *"], Permissions = ["contents: read", "security-events: write"])]
    [GitHubActions("publish", InvokedTargets = ["Publish"], Schedule = ["30 2 * * 1-5", "0 12 1 * *"])]
    private sealed class WithSchedules : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });

        Target Rescan => _ => _.Executes(() => { });
    }

    [GitHubActions("tags-only", InvokedTargets = ["Publish"], OnPushBranches = [], OnPullRequestBranches = [])]
    [GitHubActions("branches-only", InvokedTargets = ["Publish"], OnPushTags = [])]
    [GitHubActions("manual-only", InvokedTargets = ["Publish"], OnPushBranches = [], OnPushTags = [], OnPullRequestBranches = [])]
    private sealed class WithEmptyTriggerLists : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitHubActions("nightly", InvokedTargets = ["Rescan"], Schedule = ["0 6 * *"])]
    private sealed class WithFourFieldCron : SlipwayBuild
    {
        Target Rescan => _ => _.Executes(() => { });
    }

    [GitHubActions("nightly", InvokedTargets = ["Rescan"], Schedule = ["@daily"])]
    private sealed class WithNickname : SlipwayBuild
    {
        Target Rescan => _ => _.Executes(() => { });
    }

    private AbsolutePath Workflow(string name) => _harness.Root / ".github" / "workflows" / (name + ".yml");

    private string Text(string name) => Workflow(name).ReadAllText();

    [Fact]
    public void A_schedule_only_workflow_has_the_cron_and_workflow_dispatch_and_no_push_or_pull_request()
    {
        Assert.Equal(0, _harness.Run<WithSchedules>("Rescan"));
        var text = Text("rescan");
        Assert.Contains(
            """
            name: rescan

            on:
              schedule:
                - cron: '0 6 * * *'
              workflow_dispatch:

            concurrency:
            """.ReplaceLineEndings("\n"), text, StringComparison.Ordinal);
        var on = (YamlMappingNode)At(Load(Workflow("rescan")), "on");
        Assert.Equal(["schedule", "workflow_dispatch"], on.Children.Keys.Select(k => k.ToString()));
        Assert.Equal("0 6 * * *", At(on, "schedule", 0, "cron").ToString());
        Assert.Contains("        run: ./build.sh Rescan\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schedule_adds_to_the_push_and_pull_request_triggers()
    {
        Assert.Equal(0, _harness.Run<WithSchedules>("Rescan"));
        var on = (YamlMappingNode)At(Load(Workflow("publish")), "on");
        Assert.Equal(["push", "pull_request", "schedule", "workflow_dispatch"], on.Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["30 2 * * 1-5", "0 12 1 * *"], ((YamlSequenceNode)At(on, "schedule")).Select(s => At(s, "cron").ToString()));
        Assert.Contains("  schedule:\n    - cron: '30 2 * * 1-5'\n    - cron: '0 12 1 * *'\n  workflow_dispatch:\n", Text("publish"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Scheduled_workflows_pass_action_validator()
    {
        Skip.If(ActionValidator.Find() is null, ActionValidator.Missing);
        Assert.Equal(0, _harness.Run<WithSchedules>("Rescan"));
        ActionValidator.AssertValid(Workflow("rescan"));
        ActionValidator.AssertValid(Workflow("publish"));
    }

    [Fact]
    public void An_empty_trigger_list_means_no_such_trigger_and_workflow_dispatch_stays()
    {
        Assert.Equal(0, _harness.Run<WithEmptyTriggerLists>("Publish"));
        string[] Triggers(string name) => [.. ((YamlMappingNode)At(Load(Workflow(name)), "on")).Children.Keys.Select(k => k.ToString())];
        YamlMappingNode Push(string name) => (YamlMappingNode)At(Load(Workflow(name)), "on", "push");

        Assert.Equal(["push", "workflow_dispatch"], Triggers("tags-only"));
        Assert.Equal(["tags"], Push("tags-only").Children.Keys.Select(k => k.ToString())); // GitHub: no branch push runs it
        Assert.Equal(["push", "pull_request", "workflow_dispatch"], Triggers("branches-only"));
        Assert.Equal(["branches"], Push("branches-only").Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["workflow_dispatch"], Triggers("manual-only"));
        Assert.Contains("\non:\n  workflow_dispatch:\n\nconcurrency:\n", Text("manual-only"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Workflows_with_empty_trigger_lists_pass_action_validator()
    {
        Skip.If(ActionValidator.Find() is null, ActionValidator.Missing);
        Assert.Equal(0, _harness.Run<WithEmptyTriggerLists>("Publish"));
        foreach (var name in new[] { "tags-only", "branches-only", "manual-only" }) ActionValidator.AssertValid(Workflow(name));
    }

    [Fact]
    public void A_cron_expression_without_five_fields_fails_the_run_naming_the_attribute_and_writes_nothing()
    {
        Assert.Equal(2, _harness.Run<WithFourFieldCron>("Rescan"));
        Assert.Contains("[GitHubActions(\"nightly\")] Schedule '0 6 * *' has 4 fields; a cron expression has 5", _harness.Output, StringComparison.Ordinal);
        Assert.False(Workflow("nightly").FileExists());

        Assert.Equal(2, _harness.Run<WithNickname>("Rescan"));
        Assert.Contains("[GitHubActions(\"nightly\")] Schedule '@daily' has 1 field;", _harness.Output, StringComparison.Ordinal);
    }
}
