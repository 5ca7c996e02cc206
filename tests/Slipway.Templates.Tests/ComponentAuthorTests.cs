using Slipway.IO;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// A component written from outside, as a user writes one into a generated repository's <c>build/</c> folder against
/// the packed Slipway packages only: a parameter, a Configure hook and a target that uses the run's cancellation, the
/// host's environment and step summary, the summary table, a file annotation, <c>artifacts/image.json</c>, the run's
/// docker client and a tool command; its build class also overrides the typed settings hooks of the built-in components. docs/architecture.md ("How to write a component") points here.
/// </summary>
[Collection(GeneratedServiceOwnRegistriesCollection.Name)]
public sealed class ComponentAuthorTests(GeneratedService service)
{
    /// <summary>The component, as its author writes it into <c>build/INotify.cs</c>.</summary>
    private const string NotifyComponent = """
        using Slipway;
        using Slipway.Components;
        using Slipway.Components.Destination;
        using Slipway.Components.Images;
        using Slipway.Logging;
        using Slipway.Processes;

        /// <summary>Announces the image of this build to a webhook.</summary>
        public interface INotify : IContainerImage
        {
            /// <summary>The webhook to notify.</summary>
            [Parameter("Webhook to notify")]
            string? NotifyUrl => TryGetValue(() => NotifyUrl);

            /// <summary>Changes the notifier's command: arguments, environment, timeout.</summary>
            ToolCommand ConfigureNotify(ToolCommand command) => command;

            /// <summary>Tells the webhook which image artifacts/image.json describes.</summary>
            Target Notify => _ => _
                .Description("Announces the image to a webhook")
                .Requires(() => NotifyUrl)
                .Executes(async () =>
                {
                    var cancellation = BuildCancellation.Token;
                    var repository = Host.Environment.GetValueOrDefault("GITHUB_REPOSITORY") ?? "a local checkout";
                    var record = ImageRecord.Read(ImageRecordFile);
                    var image = record?.Reference ?? record?.LocalReference ?? "no image built yet";

                    var docker = await ContainerSession.DockerAsync(this);
                    var server = await docker.Command("version", "--format", "{{.Server.Version}}").ExecuteAsync(cancellation);
                    await ConfigureNotify(Tool.Of("sh").WithArguments(["-c", "echo notified"])).ExecuteAsync(cancellation);

                    Annotations.At("Dockerfile", 1).Warning("Notify: {Image} announced to {Url}", image, NotifyUrl);
                    ReportSummary($"notified {NotifyUrl} of {image} (docker {server.StandardOutput.Trim()})");
                    Host.AppendSummary($"#### Notify\n\n{repository}: `{image}` announced to {NotifyUrl}");
                });
        }
        """;

    /// <summary>
    /// Typed hooks as the author adds them to the build class: GitVersion's, every push's and the signature's settings
    /// (their effect on the command lines is run by TypedHooksThroughEngineTests in Slipway.Components.Tests).
    /// </summary>
    private const string TypedHooks = """
            GitVersionSettings IVersioning.ConfigureGitVersion(GitVersionSettings s) => s.AddOverrideConfig("tag-prefix", "[vV]?");
            DockerPushSettings IPush.ConfigurePush(DockerPushSettings s) => s with { DisableContentTrust = true };
            CosignSettings ISign.ConfigureCosign(CosignSettings s) => s.When(s.Subcommand == "sign", x => x.AddAnnotation("team", "orders"));

        """;

    private const string Digest = "sha256:4f1c0a2b3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4";

    [Fact]
    public void A_component_in_build_compiles_against_the_packed_packages_and_help_lists_its_target_and_parameter()
    {
        var repository = AuthorNotify("component-author-help");

        var help = service.Publish(repository, ["--help"]);

        Expect.Succeeded(help);
        var output = Commands.Text(help);
        Assert.Matches(@"(?m)^\s+Notify\s+Announces the image to a webhook", output);
        Assert.Matches(@"--notify-url <[^>]+>\s+Webhook to notify", output);
    }

    [SkippableFact]
    public void A_component_target_on_GitHub_Actions_reports_annotates_reads_the_image_record_and_runs_docker_and_its_tool()
    {
        Expect.Docker();
        var repository = AuthorNotify("component-author");
        // What DockerBuild and Push leave in artifacts/image.json, with a field a newer Slipway might add: readers ignore it.
        Directory.CreateDirectory(repository / "artifacts");
        File.WriteAllText(repository / "artifacts" / "image.json", $$"""
            {
              "imageId": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
              "localReference": "acme-orders:build-1a2b3c4d5e6f",
              "image": "acme-orders",
              "created": "2025-01-02T03:04:05+00:00",
              "repository": "localhost:5000/x/acme-orders",
              "digest": "{{Digest}}",
              "tags": ["1.0.0"],
              "deployedBy": "a field from a newer Slipway"
            }
            """);
        var stepSummary = service.Pack.Workspace / "component-author-step-summary.md";
        File.WriteAllText(stepSummary, "");

        var run = service.Publish(repository, ["Notify", "--notify-url", "http://example.invalid"], GitHubPush(repository, stepSummary));

        Expect.Succeeded(run);
        var output = Commands.Text(run);
        var reference = $"localhost:5000/x/acme-orders@{Digest}";
        Assert.Contains($"::warning file=Dockerfile,line=1::Notify: {reference} announced to http://example.invalid", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)\bnotified\r?$", output); // the tool command's output, logged
        Assert.Matches($@"(?m)\bNotify\s+Succeeded\s+\S+\s+notified http://example\.invalid of {Escape(reference)} \(docker \d+\.\d+[^)]*\)$", output);
        var markdown = File.ReadAllText(stepSummary);
        Assert.Contains($"#### Notify\n\nacme/orders: `{reference}` announced to http://example.invalid", markdown, StringComparison.Ordinal);
        Assert.Contains("| Notify | Succeeded |", markdown, StringComparison.Ordinal);
        Assert.Contains($"notified http://example.invalid of {reference}", markdown, StringComparison.Ordinal);
    }

    /// <summary>
    /// A fresh repository from the pack with <c>build/INotify.cs</c>, and the build class implementing it and overriding
    /// typed tool-settings hooks, committed.
    /// </summary>
    private AbsolutePath AuthorNotify(string name)
    {
        var repository = service.Pack.Generate(name, "--ci", "none", "--registry", "localhost:5000/x");
        File.WriteAllText(repository / "build" / "INotify.cs", NotifyComponent + "\n");
        var build = repository / "build" / "Build.cs";
        var text = File.ReadAllText(build);
        const string classLine = "sealed class Build : SlipwayBuild,";
        Assert.Contains(classLine, text, StringComparison.Ordinal);
        const string mainLine = "    public static int Main() => Execute<Build>(x => ((IPublish)x).Publish);\n";
        Assert.Contains(mainLine, text, StringComparison.Ordinal);
        text = text.Replace(classLine, classLine + " INotify,", StringComparison.Ordinal).Replace(mainLine, mainLine + "\n" + TypedHooks, StringComparison.Ordinal);
        File.WriteAllText(build, text);
        Commands.Git(repository, "init", "--quiet", "--initial-branch", "main");
        Commands.Git(repository, "add", "--all");
        Commands.Git(repository, "commit", "--quiet", "--message", "A Notify component");
        return repository;
    }

    /// <summary>The variables of a GitHub Actions job for a push to main, with a step summary file.</summary>
    private static Dictionary<string, string> GitHubPush(AbsolutePath repository, AbsolutePath stepSummary) => new()
    {
        ["CI"] = "true",
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_EVENT_NAME"] = "push",
        ["GITHUB_REF"] = "refs/heads/main",
        ["GITHUB_REF_NAME"] = "main",
        ["GITHUB_REF_TYPE"] = "branch",
        ["GITHUB_SHA"] = Commands.Git(repository, "rev-parse", "HEAD"),
        ["GITHUB_REPOSITORY"] = "acme/orders",
        ["GITHUB_REPOSITORY_OWNER"] = "acme",
        ["GITHUB_ACTOR"] = "octocat",
        ["GITHUB_RUN_ID"] = "4242",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_STEP_SUMMARY"] = stepSummary,
    };

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
