using Slipway.Components.Docker;
using Slipway.Components.Dotnet;
using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.Registry;
using Slipway.Components.Sbom;
using Slipway.Components.Scanning;
using Slipway.Components.Signing;
using Slipway.Components.Versioning;
using Slipway.IO;
using static Slipway.Components.Tests.Images.ImageBuildFixtures;

namespace Slipway.Components.Tests.ToolSettings;

/// <summary>
/// Each tool's settings, unchanged, render the argument list the component has always run (the golden lists below), and
/// a hook's edit lands where the tool reads it.
/// </summary>
public class GoldenArgumentsTests
{
    private static readonly AbsolutePath s_root = AbsolutePath.Create("/repo");

    [Fact]
    public void Docker_build_with_every_input_renders_the_buildx_command_in_its_order()
    {
        var request = Request(registry: "localhost:5000", branch: "main") with
        {
            SourceDateEpoch = 1_700_000_000,
            SdkImage = "sdk@sha256:1",
            RuntimeImage = "aspnet@sha256:2",
            NoCache = true,
            Platforms = TargetPlatforms.Parse(["linux/amd64", "linux/arm64"]),
            Labels = [KeyValuePair.Create("org.opencontainers.image.version", "1.0.0")],
            Secrets = [new BuildSecret("nuget_auth_token", "token-value", "test")],
        };
        var cache = BuildCachePlan.For(request, false);

        var settings = DockerBuildArguments.Settings(request, Buildx with { Builder = "slipway" }, cache);

        Assert.Equal<string>(
        [
            "buildx", "build", "--builder", "slipway", "--progress=rawjson", "--provenance=false",
            "--metadata-file", "/repo/.nuke/temp/build-0123456789ab.metadata.json",
            "--output", "type=oci,tar=false,name=acme-orders:build-0123456789ab,dest=/repo/.nuke/temp/image-layout,rewrite-timestamp=true",
            "--file", "/repo/Dockerfile", "--platform", "linux/amd64,linux/arm64", "--no-cache",
            "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "--build-arg", "SDK_IMAGE=sdk@sha256:1", "--build-arg", "RUNTIME_IMAGE=aspnet@sha256:2",
            "--label", "org.opencontainers.image.version=1.0.0",
            "--secret", "id=nuget_auth_token,env=SLIPWAY_BUILD_SECRET_NUGET_AUTH_TOKEN",
            .. cache.From.SelectMany(f => new[] { "--cache-from", f }), "--cache-to", cache.To!, "/repo",
        ], settings.ToArguments());
        Assert.Equal<string>(DockerBuildArguments.For(request, Buildx with { Builder = "slipway" }, cache), settings.ToArguments());
    }

    [Fact]
    public void A_docker_build_hook_replaces_a_build_argument_in_place_and_adds_labels_and_secrets()
    {
        var settings = DockerBuildArguments.Settings(Request() with { SdkImage = "sdk@sha256:1", RuntimeImage = "aspnet@sha256:2" }, Buildx, BuildCachePlan.None("none"))
            .AddBuildArgument("SDK_IMAGE", "mirror/sdk@sha256:3")
            .AddBuildArgument("APP_FLAVOUR", "lite")
            .AddLabel("team", "orders")
            .AddSecret("npm_token", "npm-value");

        var arguments = settings.ToArguments();

        Assert.Equal<string>(["SDK_IMAGE=mirror/sdk@sha256:3", "RUNTIME_IMAGE=aspnet@sha256:2", "APP_FLAVOUR=lite"], ValuesOf(arguments, "--build-arg"));
        Assert.Equal<string>(["team=orders"], ValuesOf(arguments, "--label"));
        Assert.Equal<string>(["id=npm_token,env=SLIPWAY_BUILD_SECRET_NPM_TOKEN"], ValuesOf(arguments, "--secret"));
        Assert.Equal("/repo", arguments[^1]);
    }

    [Fact]
    public void Docker_push_pushes_the_reference_and_a_hook_adds_its_flag_before_it()
    {
        var settings = new DockerPushSettings("localhost:5000/x/acme:1.0.0");

        Assert.Equal<string>(["push", "localhost:5000/x/acme:1.0.0"], settings.ToArguments());
        Assert.Equal<string>(["push", "--disable-content-trust", "localhost:5000/x/acme:1.0.0"], (settings with { DisableContentTrust = true }).ToArguments());
    }

    [Fact]
    public void Docker_login_reads_the_password_from_standard_input_and_never_as_an_argument()
    {
        var settings = new DockerLoginSettings("ghcr.io", "octocat", "ghp_secret");

        Assert.Equal<string>(["login", "ghcr.io", "--username", "octocat", "--password-stdin"], settings.ToArguments());
        Assert.Equal<string>(["login", "ghcr.io", "--username", "robot", "--password-stdin"], (settings with { Username = "robot" }).ToArguments());
        Assert.DoesNotContain("ghp_secret", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cosign_sign_and_attest_render_the_key_the_log_choice_and_the_predicate()
    {
        var key = new CosignSigner(AbsolutePath.Create("/keys/cosign.key"), "pw", Keyless: false, TransparencyLog: false);
        var keyless = new CosignSigner(null, null, Keyless: true, TransparencyLog: false);

        Assert.Equal<string>(["sign", "--yes", "--key=/keys/cosign.key", "--tlog-upload=false", "r@sha256:1"], Cosign.SignSettings("r@sha256:1", key).ToArguments());
        Assert.Equal<string>(["sign", "--yes", "--tlog-upload=true", "r@sha256:1"], Cosign.SignSettings("r@sha256:1", keyless).ToArguments());
        Assert.Null(Cosign.SignSettings("r@sha256:1", keyless).Password);
        Assert.Equal<string>(
            ["attest", "--yes", "--replace", "--key=/keys/cosign.key", "--tlog-upload=false", "--type", "cyclonedx", "--predicate", "/repo/sbom.json", "r@sha256:1"],
            Cosign.AttestSettings("r@sha256:1", key, Attestations.PredicateTypes.CycloneDx, s_root / "sbom.json").ToArguments());
        Assert.Equal<string>(["sign", "--yes", "--key=/keys/cosign.key", "--tlog-upload=false", "-a", "team=orders", "r@sha256:1"],
            Cosign.SignSettings("r@sha256:1", key).AddAnnotation("team", "orders").ToArguments());
    }

    [Fact]
    public void GitVersion_writes_json_without_fetching_and_a_hook_adds_its_configuration()
    {
        Assert.Equal<string>(["/output", "json", "/nofetch"], new GitVersionSettings().ToArguments());
        Assert.Equal<string>(["/output", "json", "/config", "build/GitVersion.yml", "/overrideconfig", "tag-prefix=release-"],
            (new GitVersionSettings { NoFetch = false, ConfigFile = "build/GitVersion.yml" }).AddOverrideConfig("tag-prefix", "release-").ToArguments());
    }

    [Fact]
    public void Trivy_renders_the_scan_of_the_image_and_a_hook_changes_timeout_and_scanners()
    {
        var runner = TrivyRunner.Choose("/usr/bin/trivy", null, TrivyRunner.PinnedImage);
        var report = s_root / "artifacts" / "trivy" / "trivy.json";

        var unchanged = runner.Command("sha256:1", report, s_root / ".trivyignore", ignoreUnfixed: true, s_root, remote: true);
        var edited = runner.Command("sha256:1", report, null, ignoreUnfixed: false, s_root,
            configure: s => s with { Timeout = TimeSpan.FromMinutes(30), Scanners = ["vuln", "secret"] });

        Assert.Equal<string>(
            ["image", "--format", "json", "--output", "/repo/artifacts/trivy/trivy.json", "--severity", "UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL",
             "--scanners", "vuln", "--timeout", "15m", "--skip-version-check", "--quiet", "--ignore-unfixed", "--image-src", "remote",
             "--ignorefile", "/repo/.trivyignore", "sha256:1"],
            unchanged.Arguments);
        Assert.Equal("30m", ValuesOf(edited.Arguments, "--timeout").Single());
        Assert.Equal("vuln,secret", ValuesOf(edited.Arguments, "--scanners").Single());
    }

    [Fact]
    public void CycloneDx_hook_excludes_test_projects_after_the_fixed_options()
    {
        var command = CycloneDxTool.Command(s_root / "tool", s_root / "Acme.slnx", s_root / "out" / "nuget.cdx.json", s_root,
            s => s with { ExcludeTestProjects = true, NoSerialNumber = false });

        Assert.Equal<string>(
            ["/repo/Acme.slnx", "--output", "/repo/out", "--filename", "nuget.cdx.json", "--output-format", "Json", "--spec-version", "1.6",
             "--exclude-dev", "--exclude-test-projects", "--disable-package-restore"],
            command.Arguments);
    }

    [Fact]
    public void Dotnet_hooks_edit_restore_build_and_test()
    {
        var solution = s_root / "Acme.slnx";

        var restore = DotnetCommands.Restore(solution, s_root, s => s with { LockedMode = true });
        var build = DotnetCommands.Build(solution, "Release", s_root, s => s.SetProperty("ContinuousIntegrationBuild", "true"));
        var test = DotnetCommands.Test(solution, "Release", s_root / "results", s_root, "Category=Fast",
            s => s.AddLogger("console;verbosity=normal") with { Configuration = "Debug" });

        Assert.Equal<string>(["restore", "/repo/Acme.slnx", "--locked-mode"], restore.Arguments);
        Assert.Equal<string>(["build", "/repo/Acme.slnx", "--configuration", "Release", "--no-restore", "-p:ContinuousIntegrationBuild=true"], build.Arguments);
        Assert.Equal<string>(
            ["test", "/repo/Acme.slnx", "--configuration", "Debug", "--no-build", "--results-directory", "/repo/results",
             "--logger", "trx;LogFilePrefix=Acme", "--logger", "console;verbosity=normal", "--filter", "Category=Fast"],
            test.Arguments);
    }
}
