using Slipway.Components.Images;
using Slipway.Components.Scanning;
using Slipway.Execution;
using Slipway.Processes;

namespace Slipway.Components.Tests.Scanning;

/// <summary>
/// These runs put the Trivy stand-in on the process's PATH (process-wide), so they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrivyEngineRunCollection
{
    public const string Name = "Trivy scan engine runs";
}

/// <summary>A build with the scan gate whose Trivy findings come from the stand-in preset named by <c>--standin-findings</c>.</summary>
public sealed class TrivyGateBuild : SlipwayBuild, ITrivyScan, IDockerBuild
{
    [Parameter("Stand-in findings preset")]
    public string StandinFindings { get; set; } = "clean";

    ToolCommand ITrivyScan.ConfigureTrivy(ToolCommand command) => command.WithEnvironment("TRIVY_STANDIN_FINDINGS", StandinFindings);
}

/// <summary>TrivyScan run by the engine: parameters, exit code, summary note, CI annotations and step summary.</summary>
[Collection(TrivyEngineRunCollection.Name)]
public sealed class TrivyScanTargetTests : IDisposable
{
    private readonly TrivyStandIn _repo = new();
    private readonly string? _path = Environment.GetEnvironmentVariable("PATH");

    public TrivyScanTargetTests()
    {
        var standIn = Path.GetDirectoryName(TrivyStandIn.Script)!;
        Environment.SetEnvironmentVariable("PATH", standIn + Path.PathSeparator + _path);
    }

    [SkippableFact]
    public void Fails_the_build_naming_the_blocking_finding_with_an_annotation_and_the_step_summary()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);
        var summary = _repo.Root / "step-summary.md";
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH")!,
        };

        var (code, output) = Run(environment, "TrivyScan", "--skip", "--standin-findings", "critical-fixed");

        Assert.Equal(1, code);
        Assert.Contains("trivy found at", output, StringComparison.Ordinal);
        Assert.Contains("::error file=Dockerfile,line=4::CRITICAL CVE-2099-1001 in libssl3", output, StringComparison.Ordinal);
        Assert.Contains("trivy: 1 blocking (1 CRITICAL, 1 LOW)", output, StringComparison.Ordinal);
        Assert.Contains("1 finding(s) at or above HIGH", output, StringComparison.Ordinal);
        Assert.Contains("### Trivy scan: failed", summary.ReadAllText(), StringComparison.Ordinal);
        Assert.False(ImageRecord.Read(_repo.RecordFile)!.Scan!.Passed);
    }

    [SkippableFact]
    public void Threshold_and_ignore_unfixed_parameters_let_a_scan_with_only_unfixed_serious_findings_pass()
    {
        Skip.If(TrivyStandIn.UnavailableReason is not null, TrivyStandIn.UnavailableReason);

        var (code, output) = Run(new Dictionary<string, string>(), "TrivyScan", "--skip", "--standin-findings", "mixed",
            "--severity-threshold", "medium", "--ignore-unfixed");

        Assert.Equal(1, code); // two fixed MEDIUM findings block at MEDIUM
        Assert.Contains("trivy: 2 blocking (2 MEDIUM, 1 LOW)", output, StringComparison.Ordinal);

        (code, output) = Run(new Dictionary<string, string>(), "TrivyScan", "--skip", "--standin-findings", "mixed", "--ignore-unfixed");

        Assert.Equal(0, code);
        Assert.Contains("trivy: 0 blocking (2 MEDIUM, 1 LOW)", output, StringComparison.Ordinal);
        var scan = ImageRecord.Read(_repo.RecordFile)!.Scan!;
        Assert.Equal(("HIGH", true), (scan.Threshold, scan.Passed));
    }

    [Fact]
    public void Depends_on_DockerBuild()
    {
        var (code, output) = Run(new Dictionary<string, string>(), "TrivyScan", "--plan");

        Assert.Equal(0, code);
        Assert.True(output.IndexOf("DockerBuild", StringComparison.Ordinal) is >= 0 and var build
            && output.IndexOf("TrivyScan", build, StringComparison.Ordinal) > build, output);
    }

    private (int Code, string Output) Run(Dictionary<string, string> environment, params string[] args)
    {
        var writer = new StringWriter();
        var code = Engine.Run<TrivyGateBuild>(
            new EngineOptions(args) { RootDirectory = _repo.Root, Environment = environment, Output = writer }, []);
        return (code, writer.ToString());
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _path);
        _repo.Dispose();
    }
}
