using Slipway.Components.Dockerfiles;
using Slipway.Components.Dotnet;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class SdkVersionRuleTests
{
    private static readonly SdkVersionRule Rule = new();

    private static string GlobalJsonText(string version, string? rollForward = null, bool? allowPrerelease = null) =>
        "{\n  // the SDK of this repository\n  \"sdk\": {\n    \"version\": \"" + version + "\"" +
        (rollForward is null ? "" : ",\n    \"rollForward\": \"" + rollForward + "\"") +
        (allowPrerelease is null ? "" : ",\n    \"allowPrerelease\": " + (allowPrerelease.Value ? "true" : "false")) + ",\n  }\n}\n";

    private static IReadOnlyList<LintFinding> Lint(string sdkTag, string version, string? rollForward = null, bool? allowPrerelease = null)
    {
        var globalJson = GlobalJson.Parse(GlobalJsonText(version, rollForward, allowPrerelease));
        Assert.NotNull(globalJson);
        var dockerfile = Lines($"ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:{sdkTag}@{Digest}", "FROM ${SDK_IMAGE} AS build", "RUN dotnet --info");
        return Rule.Check(new LintInput(DockerfileParser.Parse(dockerfile), null) { GlobalJson = globalJson }).ToList();
    }

    [Theory]
    [InlineData("10.0.401", "10.0.401", null)]
    [InlineData("10.0.405-noble", "10.0.401", null)]                // patch (the default): a later patch of the band
    [InlineData("10.0.401-noble", "10.0.401", "latestPatch")]
    [InlineData("10.0.500", "10.0.401", "feature")]
    [InlineData("10.0.402-alpine3.22", "10.0.401", "latestFeature")]
    [InlineData("10.2.100", "10.0.401", "minor")]
    [InlineData("11.0.100", "10.0.401", "latestMajor")]
    [InlineData("10.0.401", "10.0.401", "disable")]
    [InlineData("10.0.100-rc.1-noble", "10.0.100-preview.7", null)]
    [InlineData("10.0", "9.0.100", null)]                           // a floating tag is not judged
    [InlineData("10.0-noble", "10.0.401", "disable")]
    public void Accepts_an_sdk_the_policy_allows(string tag, string version, string? rollForward) =>
        Assert.Empty(Lint(tag, version, rollForward));

    [Theory]
    [InlineData("10.0.500-noble", "10.0.401", null)]                // patch keeps the feature band
    [InlineData("10.0.400", "10.0.401", "latestFeature")]           // never below the requested version
    [InlineData("10.1.100", "10.0.401", "feature")]
    [InlineData("11.0.100", "10.0.401", "latestMinor")]
    [InlineData("10.0.402", "10.0.401", "disable")]
    [InlineData("10.0.100-preview.7", "10.0.100", "latestFeature")] // a preview comes before its release
    [InlineData("9.0.305-bookworm-slim", "10.0.100", "latestMajor")]
    public void Rejects_an_sdk_the_policy_does_not_allow(string tag, string version, string? rollForward) =>
        Assert.Equal("SW1100", Assert.Single(Lint(tag, version, rollForward)).Id);

    [Fact]
    public void Allow_prerelease_false_turns_a_preview_away()
    {
        Assert.Empty(Lint("10.0.100-rc.2", "10.0.100-rc.1", "latestFeature"));
        Assert.Single(Lint("10.0.100-rc.2", "10.0.100-rc.1", "latestFeature", allowPrerelease: false));
    }

    [Fact]
    public void The_message_names_both_versions_the_policy_and_the_fix()
    {
        var finding = Assert.Single(Lint("10.0.100-noble", "10.0.401", "latestPatch"));

        Assert.Equal(2, finding.Line);
        Assert.Equal(
            "stage 'build' builds with SDK 10.0.100 (mcr.microsoft.com/dotnet/sdk:10.0.100-noble), but global.json asks for 10.0.401 with rollForward 'latestPatch', " +
            "which accepts 10.0.401 or a later patch of 10.0.4xx, so dotnet in the image stops with \"A compatible .NET SDK was not found\"; " +
            "change the image tag to an SDK it accepts (e.g. mcr.microsoft.com/dotnet/sdk:10.0.401), or change global.json",
            finding.Message);
    }

    [Fact]
    public void Runtime_images_stages_and_builds_without_global_json_are_not_judged()
    {
        var globalJson = GlobalJson.Parse(GlobalJsonText("10.0.401"));
        var dockerfile = Lines("FROM mcr.microsoft.com/dotnet/aspnet:8.0.1 AS base", "FROM base AS final");

        Assert.Empty(Rule.Check(new LintInput(DockerfileParser.Parse(dockerfile), null) { GlobalJson = globalJson }));
        Assert.Empty(Run(Rule, Lines("FROM mcr.microsoft.com/dotnet/sdk:8.0.100")));
    }

    [Theory]
    [InlineData("{ \"sdk\": { \"rollForward\": \"latestMajor\" } }")]
    [InlineData("{ \"msbuild-sdks\": { \"X\": \"1.0.0\" } }")]
    [InlineData("{ \"sdk\": { \"version\": \"10.0\" } }")]
    [InlineData("not json")]
    public void A_global_json_without_a_version_asks_for_nothing(string text) =>
        Assert.Null(GlobalJson.Parse(text));

    [Fact]
    public void The_nearest_global_json_above_the_context_is_used_up_to_the_repository_root()
    {
        var root = Directory.CreateTempSubdirectory("slipway-globaljson-").FullName;
        try
        {
            var context = Path.Combine(root, "services", "orders");
            Directory.CreateDirectory(context);
            Assert.Null(GlobalJson.Find(context, root));

            File.WriteAllText(Path.Combine(root, "global.json"), GlobalJsonText("10.0.401"));
            Assert.Equal(("global.json", "10.0.401"), (GlobalJson.Find(context, root)!.DisplayPath, GlobalJson.Find(context, root)!.Version.ToString()));

            File.WriteAllText(Path.Combine(root, "services", "global.json"), GlobalJsonText("9.0.100"));
            Assert.Equal("services/global.json", GlobalJson.Find(context, root)!.DisplayPath);
            Assert.Null(GlobalJson.Find(context, Path.Combine(root, "services", "orders")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
