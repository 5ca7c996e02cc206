using Slipway.Components.Dockerfiles;
using Slipway.Components.Dotnet;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Dockerfiles;

public sealed class CiJobSdkImagesTests : IDisposable
{
    private readonly TemporaryDirectory _root = new("slipway-ci-sdk");

    public void Dispose() => _root.Dispose();

    private IReadOnlyList<LintFinding> Check(string gitlabCi, string version = "10.0.401", string rollForward = "latestFeature")
    {
        File.WriteAllText(_root.Path / ".gitlab-ci.yml", gitlabCi);
        var globalJson = GlobalJson.Parse($$"""{ "sdk": { "version": "{{version}}", "rollForward": "{{rollForward}}" } }""");
        return [.. CiJobSdkImages.Check(_root.Path, _root.Path, globalJson)];
    }

    [Fact]
    public void A_job_image_with_an_sdk_global_json_refuses_is_an_error_on_its_line_naming_both_versions_and_the_fix()
    {
        var finding = Assert.Single(Check("publish:\n  # image: mcr.microsoft.com/dotnet/sdk:8.0.100 (a comment)\n  image: 'mcr.microsoft.com/dotnet/sdk:10.0.100-noble@sha256:" + new string('a', 64) + "'\n"));

        Assert.Equal(("SW1101", LintSeverity.Error, 3, ".gitlab-ci.yml"), (finding.Id, finding.Severity, finding.Line, finding.File));
        Assert.Contains("SDK 10.0.100", finding.Message, StringComparison.Ordinal);
        Assert.Contains("asks for 10.0.401", finding.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh PinBaseImages", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  image: mcr.microsoft.com/dotnet/sdk:10.0.402-noble")] // latestFeature accepts a later patch
    [InlineData("  image: mcr.microsoft.com/dotnet/sdk:10.0")] // floats
    [InlineData("  image: docker:27-cli")]
    [InlineData("  image: mirror.example/dotnet/aspnet:10.0.0")]
    public void Images_global_json_accepts_or_that_name_no_sdk_version_are_fine(string line) => Assert.Empty(Check($"publish:\n{line}\n"));

    [Fact]
    public void Without_a_gitlab_file_or_a_global_json_nothing_is_checked()
    {
        Assert.Empty(CiJobSdkImages.Check(_root.Path, _root.Path, GlobalJson.Parse("""{ "sdk": { "version": "10.0.401" } }""")));
        File.WriteAllText(_root.Path / ".gitlab-ci.yml", "image: mcr.microsoft.com/dotnet/sdk:8.0.100\n");
        Assert.Empty(CiJobSdkImages.Check(_root.Path, _root.Path, null));
    }
}
