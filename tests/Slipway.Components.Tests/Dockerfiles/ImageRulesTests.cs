using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class ImageRulesTests
{
    private static readonly BaseImagePinningRule Pinning = new();
    private static readonly FinalStageRule FinalStage = new();

    [Fact]
    public void Accepts_bases_pinned_by_tag_and_digest_stage_references_and_scratch() =>
        Assert.Empty(Ids(Pinning, Lines("FROM img:1.0@" + Digest + " AS build", "FROM build", "FROM scratch")));

    [Fact]
    public void Rejects_an_untagged_base() =>
        Assert.Equal(["DL3006"], Ids(Pinning, Lines("FROM ubuntu")));

    [Fact]
    public void Rejects_latest_tag_even_with_digest()
    {
        Assert.Equal(["DL3007"], Ids(Pinning, Lines("FROM ubuntu:latest@" + Digest)));
        Assert.Equal(["DL3007", "SW1001"], Ids(Pinning, Lines("FROM ubuntu:latest")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Explains_latest_with_a_digest_without_saying_it_moves()
    {
        var finding = Assert.Single(Run(Pinning, Lines("FROM ubuntu:latest@" + Digest)));

        Assert.Equal(("DL3007", LintSeverity.Error), (finding.Id, finding.Severity));
        Assert.DoesNotContain("moves", finding.Message, StringComparison.Ordinal);
        Assert.Contains("names no version", finding.Message, StringComparison.Ordinal);
        Assert.Contains("PinBaseImages/Dependabot", finding.Message, StringComparison.Ordinal);
        Assert.Contains("explicit version tag with the digest", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_an_undigested_latest_tag_moves() =>
        Assert.Contains(Run(Pinning, Lines("FROM ubuntu:latest")), f => f.Id == "DL3007" && f.Message.Contains("which moves", StringComparison.Ordinal));

    [Fact]
    public void Rejects_a_tag_without_digest_on_its_line()
    {
        var finding = Assert.Single(Run(Pinning, Lines("FROM img:1@" + Digest + " AS build", "FROM mcr.microsoft.com/dotnet/aspnet:10.0")));

        Assert.Equal(("SW1001", LintSeverity.Error, 2), (finding.Id, finding.Severity, finding.Line));
    }

    [Fact]
    public void Rejects_a_digest_that_is_not_sha256() =>
        Assert.Equal(["SW1001"], Ids(Pinning, Lines("FROM img:1@sha256:1234")));

    [Fact]
    public void Notes_a_digest_without_tag()
    {
        var finding = Assert.Single(Run(Pinning, Lines("FROM localhost:5000/dotnet/aspnet@" + Digest)));

        Assert.Equal(("SW1002", LintSeverity.Info), (finding.Id, finding.Severity));
    }

    [Fact]
    public void Takes_the_pin_from_an_arg_default_or_a_build_argument()
    {
        var dockerfile = Lines("ARG RUNTIME_IMAGE=img:1.0", "FROM ${RUNTIME_IMAGE}");

        Assert.Equal(["SW1001"], Ids(Pinning, dockerfile));
        Assert.Empty(Ids(Pinning, dockerfile, args: new Dictionary<string, string> { ["RUNTIME_IMAGE"] = "img:1.0@" + Digest }));
    }

    [Fact]
    public void Rejects_a_base_variable_without_value() =>
        Assert.Equal(["SW1000"], Ids(Pinning, Lines("ARG RUNTIME_IMAGE", "FROM ${RUNTIME_IMAGE}")));

    [Fact]
    public void Accepts_a_final_stage_on_a_runtime_image() =>
        Assert.Empty(Ids(FinalStage, Lines("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM mcr.microsoft.com/dotnet/aspnet:10.0")));

    [Fact]
    public void Rejects_a_single_stage_sdk_dockerfile()
    {
        var finding = Assert.Single(Run(FinalStage, Lines("ARG SDK=mcr.microsoft.com/dotnet/sdk:10.0", "FROM $SDK", "RUN dotnet publish")));

        Assert.Equal(("SW1010", LintSeverity.Error, 2), (finding.Id, finding.Severity, finding.Line));
        Assert.Contains("split it", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_final_stage_built_on_the_sdk_stage()
    {
        var finding = Assert.Single(Run(FinalStage, Lines("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM build AS publish", "FROM publish AS final")));

        Assert.Contains("stage 'publish'", finding.Message, StringComparison.Ordinal);
        Assert.Equal(3, finding.Line);
    }
}
