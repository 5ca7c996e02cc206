using System.Collections.Immutable;
using Slipway.Components.Docker;
using Slipway.Components.Images;
using Slipway.Components.Tests.Registry;
using Slipway.IO;

namespace Slipway.Components.Tests.Images;

/// <summary>
/// The retry around the image build, with a docker client that is a script answering as buildx does: a lost session is
/// built once more (once), any other failure fails at once.
/// </summary>
public sealed class SessionRetryTests : IDisposable
{
    private const string LostSession = "ERROR: failed to solve: no active sessions";
    private const string StepFailed = "ERROR: failed to solve: process \"/bin/sh -c dotnet restore\" did not complete successfully: exit code: 1";
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-session-retry-").FullName;
    private readonly CapturedLog _log = new();

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    // A "docker" whose n-th call prints the n-th error on standard error and exits 1; every call is counted.
    private async Task<int> BuildWithAsync(params string[] errors)
    {
        Skip.If(OperatingSystem.IsWindows(), "the fake docker client is an sh script");
        var docker = Path.Combine(_directory, "docker");
        var cases = string.Join('\n', errors.Select((e, i) => $"  {i + 1}) echo '{e.Replace("'", "'\\''", StringComparison.Ordinal)}' >&2 ;;"));
        File.WriteAllText(docker, $"""
            #!/bin/sh
            echo call >> "{_directory}/calls"
            n=$(wc -l < "{_directory}/calls")
            case $n in
            {cases}
            esac
            exit 1
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var root = AbsolutePath.Create(_directory);
        (root / "Dockerfile").WriteAllText("FROM scratch\n");
        var request = new ImageBuildRequest
        {
            Dockerfile = root / "Dockerfile",
            ContextDirectory = root,
            Image = "acme-orders",
            LocalCacheDirectory = root / "scratch" / "buildx-cache",
            LocalTag = "build-0123456789ab",
        };

        await Assert.ThrowsAsync<BuildFailedException>(() =>
            new ImageBuilder(new DockerCli(docker, ImmutableDictionary<string, string?>.Empty)).BuildAsync(request, ImageBuildFixtures.Buildx, c => c));
        return File.ReadAllLines(Path.Combine(_directory, "calls")).Length;
    }

    [SkippableFact]
    public async Task A_lost_session_is_built_once_more_and_the_log_says_why()
    {
        var calls = await BuildWithAsync(LostSession, StepFailed);

        Assert.Equal(2, calls);
        Assert.Contains("BuildKit lost the build's session (ERROR: failed to solve: no active sessions)", _log.Text, StringComparison.Ordinal);
        Assert.Contains("building once more with a fresh session", _log.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_session_lost_twice_is_retried_only_once()
    {
        Assert.Equal(2, await BuildWithAsync(LostSession, LostSession, LostSession));
    }

    [SkippableFact]
    public async Task A_failing_step_is_never_retried()
    {
        Assert.Equal(1, await BuildWithAsync(StepFailed, StepFailed));
        Assert.DoesNotContain("fresh session", _log.Text, StringComparison.Ordinal);
    }
}
