using Slipway.CI;
using Slipway.Common.Tests.Support;
using Slipway.IO;

namespace Slipway.Common.Tests.CI;

/// <summary>A generated CI file is the team's: hand and bot edits stay, and only what the build needs is enforced.</summary>
public sealed class CiFileOwnershipTests : IDisposable
{
    private const string CheckoutPin = "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0";
    private const string BumpedCheckout = "actions/checkout@1111111111111111111111111111111111111111 # v5.1.0";

    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [GitHubActions("publish", InvokedTargets = ["Publish"], Permissions = ["contents: read", "packages: write"], SetupBuildx = true)]
    private sealed class Before : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    [GitHubActions("publish", InvokedTargets = ["Publish"], Permissions = ["contents: read", "packages: write"], SetupBuildx = true,
        Secrets = ["REGISTRY_PASSWORD"])]
    private sealed class After : SlipwayBuild
    {
        Target Publish => _ => _.Executes(() => { });
    }

    private AbsolutePath Workflow => _harness.Root / ".github/workflows/publish.yml";

    private string Text => Workflow.ReadAllText();

    private void Edit(string find, string replace)
    {
        Assert.Contains(find, Text, StringComparison.Ordinal);
        Workflow.WriteAllText(Text.Replace(find, replace, StringComparison.Ordinal));
    }

    // A Dependabot-style bump of the checkout pin and a release environment added by hand.
    private void BumpAndAddEnvironment()
    {
        Edit(CheckoutPin, BumpedCheckout);
        Edit("    timeout-minutes: 30\n", "    timeout-minutes: 30\n    environment: production\n");
    }

    [Fact]
    public void A_bot_pin_bump_and_a_hand_added_environment_survive_a_local_run_and_a_CI_run()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        BumpAndAddEnvironment();
        var edited = Text;

        Assert.Equal(0, _harness.Run<Before>("Publish"));
        Assert.Equal(edited, Text);
        Assert.DoesNotContain("publish.yml", _harness.Output, StringComparison.Ordinal);

        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        Assert.Equal(edited, Text);
        Assert.Equal("production", CiYaml.At(CiYaml.Load(Workflow), "jobs", "publish", "environment").ToString());
    }

    [Fact]
    public void A_lost_full_history_fails_a_CI_run_naming_the_line_and_the_fix()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        Edit("          fetch-depth: 0  # GitVersion needs the full history and tags\n", "");
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(2, _harness.Run<Before>("Publish"));
        Assert.Contains(".github/workflows/publish.yml lost 'fetch-depth: 0': the full git history GitVersion computes the version from", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("--update-ci-files", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_build_step_fails_a_local_run_too_and_the_file_is_left_as_it_is()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        Edit("run: ./build.sh Publish", "run: ./build.sh Compile");
        var edited = Text;
        Assert.Equal(2, _harness.Run<Before>("Publish"));
        Assert.Contains("lost 'run: ./build.sh Publish': the step that runs the build", _harness.Output, StringComparison.Ordinal);
        Assert.Equal(edited, Text);
    }

    [Fact]
    public void A_lost_permission_fails_naming_it()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        Edit("      packages: write\n", "");
        Assert.Equal(2, _harness.Run<Before>("Publish"));
        Assert.Contains("lost 'packages: write': a permission the build's targets need", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_run_says_when_the_attributes_changed_and_leaves_the_file_alone()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        var written = Text;
        Assert.Equal(0, _harness.Run<After>("Publish"));
        Assert.Equal(written, Text);
        Assert.Contains(".github/workflows/publish.yml was rendered from other settings than [GitHubActions(\"publish\")] has now: ./build.sh --update-ci-files",
            _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_re_renders_a_file_nobody_edited_and_keeps_the_bots_pin()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        Edit(CheckoutPin, BumpedCheckout);
        Assert.Equal(0, _harness.Run<After>("--update-ci-files"));
        Assert.Contains("re-rendered from [GitHubActions(\"publish\")], pins kept", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}", Text, StringComparison.Ordinal);
        Assert.Contains(BumpedCheckout, Text, StringComparison.Ordinal);
        Assert.DoesNotContain(CheckoutPin, Text, StringComparison.Ordinal);

        Assert.Equal(0, _harness.Run<After>("Publish"));
        Assert.DoesNotContain("publish.yml", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_of_a_hand_edited_file_shows_the_difference_and_writes_nothing_until_told_keep_or_overwrite()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        BumpAndAddEnvironment();
        var edited = Text;

        Assert.Equal(2, _harness.Run<After>("--update-ci-files"));
        Assert.Contains("publish.yml has edits of its own", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("-     environment: production", _harness.Output, StringComparison.Ordinal);
        Assert.Contains("+           REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}", _harness.Output, StringComparison.Ordinal);
        Assert.Equal(edited, Text);

        Assert.Equal(0, _harness.Run<After>("--update-ci-files", "keep"));
        Assert.Contains("environment: production", Text, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Run<After>("Publish"));
        Assert.DoesNotContain("publish.yml", _harness.Output, StringComparison.Ordinal); // recorded as current

        Assert.Equal(0, _harness.Run<After>("--update-ci-files", "overwrite"));
        Assert.DoesNotContain("environment: production", Text, StringComparison.Ordinal);
        Assert.Contains(BumpedCheckout, Text, StringComparison.Ordinal); // pins are kept even so
        Assert.Contains("REGISTRY_PASSWORD", Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_is_refused_on_a_CI_server()
    {
        Assert.Equal(0, _harness.Run<Before>("Publish"));
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        Assert.Equal(2, _harness.Run<Before>("--update-ci-files"));
        Assert.Contains("run it locally", _harness.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Pins_are_read_back_for_actions_and_images_alike()
    {
        var file = "uses: docker/setup-buildx-action@2222222222222222222222222222222222222222 # v3.12.0\n" +
                   "image: docker:28-dind@sha256:" + new string('3', 64) + "\n";
        var rendered = "uses: docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1\n" +
                       "image: docker:27-dind@sha256:" + new string('1', 64) + "\nimage: alpine:3.22@sha256:" + new string('4', 64) + "\n";
        var applied = CiPins.Apply(rendered, CiPins.Read(file));
        Assert.Equal(file + "image: alpine:3.22@sha256:" + new string('4', 64) + "\n", applied);
        var renderedPins = string.Join('\n', rendered.Split('\n')[..2]) + "\n";
        Assert.Equal(CiPins.Normalize(renderedPins), CiPins.Normalize(file)); // a moved pin does not count as an edit
    }
}
