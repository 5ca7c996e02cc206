using Slipway.Components.Images;
using Slipway.Processes;

namespace Slipway.Components.Tests.Images;

/// <summary>
/// Which failed builds are retried with a fresh BuildKit session: only buildx's final error whose cause is the session
/// manager's (moby/buildkit session/manager.go "no active session for %s", session/group.go "no active sessions").
/// </summary>
public class LostSessionTests
{
    private static ToolResult Failed(params string[] standardError) =>
        new(1, [new OutputLine("{", true), new OutputLine("}", true), .. standardError.Select(t => new OutputLine(t, true))], TimeSpan.FromSeconds(3));

    [Theory]
    // issue 22: Publish right after Ctrl-C during DockerBuild, at the restore step that mounts the NuGet secret (buildx 0.13)
    [InlineData("ERROR: failed to solve: no active sessions")]
    // moby/buildkit#3808 (Dockerfile frontend), as buildx prints it
    [InlineData("ERROR: failed to solve: failed to create LLB definition: no active sessions")]
    // moby/buildkit#6422 and #2367: a registry pull authorized through a session that is gone
    [InlineData("ERROR: failed to solve: failed to copy: httpReadSeeker: failed open: failed to authorize: no active session for 946l7u9cqtl3kkur5pifuipi4: context deadline exceeded")]
    // buildx 0.20 and later wrap the solve error once more
    [InlineData("ERROR: failed to build: failed to solve: no active sessions")]
    public void A_session_that_is_gone_is_a_lost_session(string error)
    {
        Assert.Equal(error, ImageBuilder.LostSession(Failed("WARNING: current commit information was not captured by the build", error)));
    }

    [Theory]
    // a failing step: never retried, whatever the step printed
    [InlineData("ERROR: failed to solve: process \"/bin/sh -c dotnet restore --locked-mode\" did not complete successfully: exit code: 1")]
    [InlineData("ERROR: failed to solve: process \"/bin/sh -c echo no active sessions && exit 1\" did not complete successfully: exit code: 1")]
    // a base image that is not there
    [InlineData("ERROR: failed to solve: localhost:5000/dotnet/sdk:missing: failed to resolve source metadata for localhost:5000/dotnet/sdk:missing: localhost:5000/dotnet/sdk:missing: not found")]
    // the build itself was cancelled (Ctrl-C): the run stops, nothing is retried
    [InlineData("ERROR: failed to solve: Canceled: context canceled")]
    // a step's own output in plain progress, and a log line that only mentions the words
    [InlineData("#12 0.532 ERROR: failed to solve: no active sessions")]
    [InlineData("no active sessions")]
    public void Any_other_failure_is_not(string error)
    {
        Assert.Null(ImageBuilder.LostSession(Failed(error)));
    }

    [Fact]
    public void Only_standard_error_counts()
    {
        var result = new ToolResult(1, [new OutputLine("ERROR: failed to solve: no active sessions", IsError: false)], TimeSpan.Zero);

        Assert.Null(ImageBuilder.LostSession(result));
    }
}
