using System.Text.Json;
using Slipway.Components.Scanning;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Processes;

namespace Slipway.Components.Tests.Scanning;

/// <summary>
/// The Docker runner's plumbing against a real daemon: a stand-in "Trivy image" (built here from the local Debian
/// base image) checks that the daemon socket, the cache volume and the ignore file are mounted where Trivy expects
/// them, and writes its report through the output mount. The real Trivy image cannot be pulled on this network.
/// </summary>
public class DockerRunnerTests
{
    private const string FakeTrivyImage = "slipway-test/trivy-plumbing:0.0.1";

    private const string FakeTrivy = """
        #!/bin/bash
        # Fails (no report) unless run the way TrivyRunner runs the real image.
        set -euo pipefail
        [[ "$1" == image ]] || { echo "expected 'image' first, got $1" >&2; exit 1; }
        shift
        output="" ignorefile="" target=""
        while [[ $# -gt 0 ]]; do
          case "$1" in
            --output) output="$2"; shift 2 ;;
            --ignorefile) ignorefile="$2"; shift 2 ;;
            --format | --severity | --scanners | --timeout) shift 2 ;;
            --*) shift ;;
            *) target="$1"; shift ;;
          esac
        done
        [[ -S /var/run/docker.sock ]] || { echo "no docker socket at /var/run/docker.sock" >&2; exit 1; }
        [[ -d /root/.cache ]] || { echo "no cache mount at /root/.cache" >&2; exit 1; }
        [[ -n "$ignorefile" && -r "$ignorefile" ]] || { echo "ignore file not mounted: '$ignorefile'" >&2; exit 1; }
        ignored="$(grep -v '^#' "$ignorefile" | head -n 1)"
        cat >"$output" <<JSON
        {"SchemaVersion": 2, "ArtifactName": "$target", "Results": [{"Target": "plumbing", "Class": "os-pkgs",
          "Vulnerabilities": [{"VulnerabilityID": "CVE-2099-9001", "PkgName": "socket", "InstalledVersion": "1",
            "Severity": "HIGH", "Title": "ignore file said $ignored"}]}]}
        JSON
        """;

    [SkippableFact]
    public async Task Runs_the_trivy_image_with_the_daemon_socket_cache_ignore_file_and_output_mounted()
    {
        var env = DockerEnvironment.Current;
        Skip.IfNot(env.IsAvailable, env.Reason);
        var docker = env.Values.GetValueOrDefault("DOCKER", "docker");
        var dockerHost = env.Values["DOCKER_HOST"];
        using var context = new TemporaryDirectory("slipway-fake-trivy");
        (context.Path / "trivy").WriteAllText(FakeTrivy.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        (context.Path / "Dockerfile").WriteAllText(
            $"FROM {env.Values["BASE_IMAGE"]}\nCOPY --chmod=755 trivy /usr/local/bin/trivy\nENTRYPOINT [\"/usr/local/bin/trivy\"]\n");
        await Tool.Of(docker).WithEnvironment("DOCKER_HOST", dockerHost).WithEnvironment("DOCKER_BUILDKIT", "1")
            .WithArguments(["build", "--quiet", "--tag", FakeTrivyImage, context.Path]).ExecuteAsync();
        using var repo = new TrivyStandIn();
        (repo.Root / ".trivyignore").WriteAllText("# accepted\nCVE-2099-0042\n");

        var outcome = await TrivyScanner.ScanAsync(new TrivyScanSettings
        {
            RootDirectory = repo.Root,
            ImageRecordFile = repo.RecordFile,
            OutputDirectory = repo.OutputDirectory,
            Dockerfile = repo.Root / "Dockerfile",
            Threshold = Severity.High,
            IgnoreUnfixed = false,
            Runner = TrivyRunner.Choose(null, TestDocker.Client(docker, dockerHost), FakeTrivyImage),
            Configure = c => c.WithEnvironment("DOCKER_HOST", dockerHost),
        });

        var finding = Assert.Single(outcome.Verdict.Blocking);
        Assert.Equal("ignore file said CVE-2099-0042", finding.Title);
        using var report = JsonDocument.Parse((repo.OutputDirectory / "trivy.json").ReadAllText());
        Assert.Equal(TrivyStandIn.ImageId, report.RootElement.GetProperty("ArtifactName").GetString());
        using var gitlab = JsonDocument.Parse((repo.OutputDirectory / "gl-container-scanning-report.json").ReadAllText());
        Assert.Equal("0.0.1", gitlab.RootElement.GetProperty("scan").GetProperty("scanner").GetProperty("version").GetString());
    }
}
