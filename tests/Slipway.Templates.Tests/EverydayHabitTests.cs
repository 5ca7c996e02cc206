using System.Text.RegularExpressions;
using Slipway.Components.Destination;
using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Registry;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// What developers do every day, on a generated service end to end: log in with <c>docker login</c> and publish without
/// giving Slipway a password; press Ctrl-C while the image builds and publish again at once.
/// </summary>
[Collection(GeneratedServiceCollection.Name)]
public sealed partial class EverydayHabitTests(GeneratedService service)
{
    [SkippableFact]
    public void After_docker_login_alone_Publish_pushes_the_version_tags_to_a_registry_that_needs_a_login()
    {
        Expect.Docker();
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed (tests/infra/container-env.sh installs it)");
        Expect.Succeeded(service.FirstPublish!);
        var password = "pw-" + Guid.NewGuid().ToString("N");
        using var registry = new OwnRegistry(("deployer", password));
        registry.Start();
        var repository = ImageRepository.Parse($"{registry.Host}/team/acme-orders");
        using var client = new RegistryClient(timeout: TimeSpan.FromSeconds(10));
        // The registry really refuses a client without a login: otherwise this test would prove nothing.
        Assert.ThrowsAny<Exception>(() => client.ListTagsAsync(repository, null).GetAwaiter().GetResult());

        var dockerConfig = service.Pack.Workspace / "docker-login-config";
        Directory.CreateDirectory(dockerConfig);
        var login = Tool.Of(DockerEnvironment.Current.Values.GetValueOrDefault("DOCKER", "docker"))
            .WithArguments(["login", registry.Host, "--username", "deployer", "--password-stdin"])
            .WithEnvironment("DOCKER_HOST", DockerEnvironment.Current.Values["DOCKER_HOST"])
            .WithEnvironment("DOCKER_CONFIG", dockerConfig)
            .WithStandardInput(password).WithSecret(password)
            .WithOutputLogging(false).WithExitCodeValidation(false)
            .Execute();
        Assert.True(login.ExitCode == 0, $"docker login exited {login.ExitCode}:\n{Commands.Text(login)}");
        var copy = service.Copy("docker-login");

        // No REGISTRY_USERNAME/REGISTRY_PASSWORD (Commands clears them): only the DOCKER_CONFIG that docker login wrote.
        var run = service.PublishImage(copy, ["--registry", $"{registry.Host}/team"],
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = dockerConfig });

        Expect.Succeeded(run);
        var output = Commands.Text(run);
        Assert.Contains($"Registry {registry.Host}: no login given to Slipway, so Docker's own login is used: user 'deployer'", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        var tags = client.ListTagsAsync(repository, new RegistryCredentials("deployer", password)).GetAwaiter().GetResult()
            .Where(t => !t.StartsWith("buildcache-", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(service.TagsAfterFirstPublish, tags); // 1.4.2, 1.4, 1 and sha-<commit>, as on the first publish
    }

    /// <summary>How long the interrupted run may take to reach its image build, and to exit after Ctrl-C.</summary>
    private static readonly TimeSpan s_reachTheImageBuild = TimeSpan.FromMinutes(5), s_exitAfterInterrupt = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public void Ctrl_C_during_the_image_build_exits_130_and_Publish_run_again_at_once_succeeds_and_pushes()
    {
        Expect.Docker();
        Skip.IfNot(File.Exists("/usr/bin/perl"), "perl is not installed: it starts the build as a terminal's foreground command");
        Expect.Succeeded(service.FirstPublish!);
        var copy = service.Copy("interrupted");
        // A change to a restore input, unique to this run: the image build runs its restore step again, the step that
        // mounts the NuGet secret and that lost its BuildKit session in issue 22, instead of finding everything cached.
        File.AppendAllText(copy / "Directory.Packages.props", $"<!-- interrupted {Guid.NewGuid():N} -->{Environment.NewLine}");
        Commands.Git(copy, "commit", "--quiet", "--all", "--message", "A restore input changes");
        var commit = Commands.Git(copy, "rev-parse", "HEAD");
        var destination = $"{service.Registry}-interrupted";
        string[] publish = ["Publish", "--registry", destination, "--skip", "Restore", "Compile", "Test"];

        var (interrupted, sawRestoreStep) = RunAndInterrupt(copy, publish);

        Assert.True(sawRestoreStep, $"the image build's restore step did not start within {s_reachTheImageBuild.TotalMinutes} min (the run exited {interrupted.ExitCode}, killed if still running), so nothing was interrupted. Its output:\n{Commands.Text(interrupted)}");
        Assert.True(interrupted.ExitCode == 130, $"Ctrl-C during DockerBuild exited {interrupted.ExitCode}, not 130 (cancelled):\n{Commands.Text(interrupted)}");

        var again = service.Publish(copy, publish);

        Expect.Succeeded(again);
        var tag = "sha-" + commit[..7];
        Assert.Contains(tag, RemoteImages.Tags($"{destination}/acme-orders"));
        Assert.Equal(commit, RemoteImages.Revision($"{destination}/acme-orders", tag));
    }

    // BuildKit's step that copies the restore inputs into the build stage completed (named with its platform when the build
    // has several): the restore step runs now.
    [GeneratedRegex(@"(done|CACHED) +\[([a-z0-9/]+ )?build \d+/\d+\] COPY --from=restore-inputs")]
    private static partial Regex RestoreStepStarts();

    /// <summary>
    /// Runs <c>./build.sh</c> in a process group of its own (as a terminal runs a command) and, once the image build's
    /// restore step starts, sends SIGINT to the whole group, as Ctrl-C does; then waits for the build to exit. A run that
    /// never reaches the step, or does not exit after the signal, is killed and reported.
    /// </summary>
    private (ToolResult Run, bool SawRestoreStep) RunAndInterrupt(string repository, string[] arguments)
    {
        var pidFile = Path.Combine(service.Pack.Workspace, $"build-{Guid.NewGuid():N}.pid");
        using var restoreStep = new ManualResetEventSlim();
        // As a terminal starts a foreground command: a process group of its own, SIGINT at its default. A process started in
        // the background of a script (a test run can be) inherits SIGINT ignored, and bash cannot undo that, so perl does:
        // it resets SIGINT, starts a new session (and group) in place, writes its pid and execs build.sh, which execs the
        // build. One pid: the leader of a group holding the build and every tool it runs.
        const string foreground = "$SIG{INT} = 'DEFAULT'; POSIX::setsid() or die \"setsid: $!\"; open(my $f, '>', shift) or die \"$!\"; " +
            "print $f $$; close $f; exec @ARGV or die \"exec: $!\"";
        var run = Task.Run(() => Commands.Run("perl", ["-MPOSIX", "-e", foreground, pidFile, "./build.sh", .. arguments], repository,
            service.Pack.BuildEnvironment(), timeout: s_reachTheImageBuild + s_exitAfterInterrupt + TimeSpan.FromMinutes(1),
            onLine: line => { if (RestoreStepStarts().IsMatch(line.Text)) restoreStep.Set(); }));

        var reached = WaitHandle.WaitAny([restoreStep.WaitHandle, ((IAsyncResult)run).AsyncWaitHandle], s_reachTheImageBuild) == 0;
        var group = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : null;
        Assert.False(string.IsNullOrEmpty(group), $"the build never started: perl wrote no pid ({(run.IsCompleted ? Commands.Text(run.Result) : "still running")})");
        Signal(reached ? "INT" : "KILL", group!);
        if (!run.Wait(s_exitAfterInterrupt))
        {
            Signal("KILL", group!);
            Assert.Fail($"./build.sh did not exit within {s_exitAfterInterrupt.TotalSeconds} s of Ctrl-C (SIGINT to its process group); it was killed");
        }
        return (run.Result, reached);
    }

    private static void Signal(string signal, string processGroup) =>
        Commands.Run("kill", [$"-{signal}", "--", $"-{processGroup}"], Path.GetTempPath());
}
