using Serilog;
using Slipway.Common.Tests.Support;

namespace Slipway.Common.Tests.Hosts;

public sealed class CiOutputTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private sealed class Annotated : SlipwayBuild
    {
        Target Lint => _ => _.Executes(() =>
        {
            Log.ForContext("SourceFile", "Dockerfile").ForContext("SourceLine", 12)
                .Error("{Id} base image is not pinned", "SW001");
            Log.Warning("no file here");
            Console.Error.WriteLine("tools write to stderr");
            ReportSummary("Dockerfile: 1 error");
        });

        Target Fail => _ => _.Executes(() => throw new BuildFailedException("it broke"));

        Target Nested => _ => _.Executes(() => Slipway.Processes.Tool.Of("bash")
            .WithArguments(["-c", "echo 'INF inner build says hello'; echo 'WRN inner build warns'; echo 'WRNING is no level'"]).Execute());

        Target Login => _ => _.Executes(() => Slipway.Processes.Tool.Of("cat")
            .WithStandardInput("token-from-a-tool-call").WithOutputLogging(true).Execute());
    }

    [Fact]
    public void GitHub_Actions_gets_a_group_per_target_annotations_and_a_step_summary()
    {
        var summary = _harness.Root / "step-summary.md";
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        _harness.Environment["GITHUB_STEP_SUMMARY"] = summary;
        Assert.Equal(0, _harness.Run<Annotated>("Lint"));
        var lines = _harness.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("::group::Lint", lines);
        Assert.Contains("::endgroup::", lines);
        Assert.Contains("::error file=Dockerfile,line=12::SW001 base image is not pinned", lines);
        Assert.Contains("::warning::no file here", lines);
        var markdown = summary.ReadAllText();
        Assert.Contains("| Target | Status | Duration | Notes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Lint | Succeeded |", markdown, StringComparison.Ordinal);
        Assert.Contains("Dockerfile: 1 error", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_target_is_an_error_annotation_and_the_summary_says_failed()
    {
        var summary = _harness.Root / "step-summary.md";
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        _harness.Environment["GITHUB_STEP_SUMMARY"] = summary;
        Assert.Equal(1, _harness.Run<Annotated>("Fail"));
        Assert.Contains("::error::Target Fail failed: it broke", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("### Build failed", summary.ReadAllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_passed_to_a_tool_is_registered_with_GitHub_masking_and_masked_in_output()
    {
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, _harness.Run<Annotated>("Login"));
        var lines = _harness.Output.Split('\n').Where(l => l.Contains("token-from-a-tool-call", StringComparison.Ordinal)).ToList();
        Assert.Equal(["::add-mask::token-from-a-tool-call"], lines);
        Assert.Contains("INF ****", _harness.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_build_run_by_the_build_keeps_its_levels_without_a_second_prefix_or_annotation()
    {
        Slipway.Common.Tests.Processes.ProcessProbe.RequirePosixShell();
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, _harness.Run<Annotated>("Nested"));
        var lines = _harness.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("INF inner build says hello", lines);
        Assert.Contains("WRN inner build warns", lines);
        Assert.Contains("INF WRNING is no level", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("::warning::", StringComparison.Ordinal));
    }

    [Fact]
    public void GitLab_gets_a_collapsible_section_per_target()
    {
        _harness.Environment["GITLAB_CI"] = "true";
        Assert.Equal(0, _harness.Run<Annotated>("Lint"));
        Assert.Matches(@"section_start:\d+:slipway_lint\[collapsed=true\]\r\u001b\[0KLint", _harness.Output);
        Assert.Matches(@"section_end:\d+:slipway_lint", _harness.Output);
        Assert.DoesNotContain("::group::", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_gets_a_plain_header_and_no_workflow_commands()
    {
        Assert.Equal(0, _harness.Run<Annotated>("Lint"));
        Assert.Contains("── Lint ──", _harness.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("::error", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("ERR SW001 base image is not pinned", _harness.Output, StringComparison.Ordinal);
    }
}
