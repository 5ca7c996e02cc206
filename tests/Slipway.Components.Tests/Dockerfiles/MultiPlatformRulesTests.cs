using Slipway.Components.Dockerfiles;
using Slipway.Components.Tests.Infrastructure;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>SW1070/SW1071: in a build for several platforms, no RUN step runs under emulation.</summary>
public class MultiPlatformRulesTests
{
    private static readonly EmulatedRunRule Rule = new();
    private static readonly string[] TwoPlatforms = ["linux/amd64", "linux/arm64"];

    private const string BuildLine = "FROM ${SDK_IMAGE} AS build";
    private const string PinnedBuildLine = "FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build";

    /// <summary>A cross-building .NET service: the SDK stage on the build platform, a chiseled final stage that only copies.</summary>
    private static string CrossBuild(string buildFrom = PinnedBuildLine, params string[] finalExtra) => Lines(
        [
            "ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.100-noble@" + Digest,
            "ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.0-noble-chiseled@" + Digest,
            "",
            buildFrom,
            "ARG TARGETARCH",
            "WORKDIR /src",
            "COPY src/Acme.Orders/Acme.Orders.csproj src/Acme.Orders/",
            "RUN dotnet restore src/Acme.Orders/Acme.Orders.csproj -a $TARGETARCH",
            "COPY src/ src/",
            "RUN dotnet publish src/Acme.Orders/Acme.Orders.csproj -c Release --no-restore -a $TARGETARCH -o /app/publish",
            "",
            "FROM ${RUNTIME_IMAGE} AS final",
            "WORKDIR /app",
            "COPY --from=build --chown=1654:1654 /app/publish ./",
            .. finalExtra,
            "USER 1654",
            "ENTRYPOINT [\"dotnet\", \"Acme.Orders.dll\"]",
        ]);

    [Fact]
    public void A_cross_build_with_the_build_stage_on_the_build_platform_has_no_findings() =>
        Assert.Empty(RunFor(Rule, CrossBuild(), TwoPlatforms));

    [Theory]
    [InlineData("FROM --platform=${BUILDPLATFORM} ${SDK_IMAGE} AS build")]
    [InlineData("FROM --platform=\"$BUILDPLATFORM\" ${SDK_IMAGE} AS build")]
    [InlineData("FROM --platform=\"${BUILDPLATFORM:-linux/amd64}\" ${SDK_IMAGE} AS build")]
    [InlineData("FROM --platform=$BUILDOS/$BUILDARCH ${SDK_IMAGE} AS build")]
    [InlineData("from --PLATFORM=$BUILDPLATFORM ${SDK_IMAGE} as build")]
    public void Every_spelling_of_the_build_platform_pins_the_build_stage(string from) =>
        Assert.Empty(RunFor(Rule, CrossBuild(from), TwoPlatforms));

    [Fact]
    public void A_build_stage_without_a_platform_runs_under_emulation()
    {
        var finding = Assert.Single(RunFor(Rule, CrossBuild(BuildLine), TwoPlatforms));

        Assert.Equal(("SW1071", LintSeverity.Warning, 4), (finding.Id, finding.Severity, finding.Line));
        Assert.Contains("stage 'build' (line 4) is not pinned to the build machine's platform", finding.Message, StringComparison.Ordinal);
        Assert.Contains("linux/amd64, linux/arm64", finding.Message, StringComparison.Ordinal);
        Assert.Contains("every target platform other than the build machine's", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("-a $TARGETARCH", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_platform_is_the_default_and_does_not_pin()
    {
        var finding = Assert.Single(RunFor(Rule, CrossBuild("FROM --platform=$TARGETPLATFORM ${SDK_IMAGE} AS build"), TwoPlatforms));

        Assert.Equal("SW1071", finding.Id);
        Assert.Contains("'--platform=$TARGETPLATFORM' is the default", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_stage_pinned_to_a_fixed_platform_is_native_only_on_that_platform()
    {
        var finding = Assert.Single(RunFor(Rule, CrossBuild("FROM --platform=linux/amd64 ${SDK_IMAGE} AS build"), TwoPlatforms));

        Assert.Equal(("SW1071", 4), (finding.Id, finding.Line));
        Assert.Contains("is pinned to linux/amd64", finding.Message, StringComparison.Ordinal);
        Assert.Contains("natively only on a linux/amd64 build machine", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_variable_without_a_value_is_not_judged() =>
        Assert.Empty(RunFor(Rule, "ARG BUILD_ON\n" + CrossBuild("FROM --platform=${BUILD_ON} ${SDK_IMAGE} AS build"), TwoPlatforms));

    [Theory]
    [InlineData("")]
    [InlineData("linux/amd64")]
    [InlineData("linux/arm64| LINUX/ARM64 ")]
    public void Single_platform_and_unknown_builds_are_not_checked(string given)
    {
        var platforms = given.Split('|', StringSplitOptions.RemoveEmptyEntries);
        var dockerfile = CrossBuild(BuildLine, "RUN mkdir /data");

        Assert.Empty(RunFor(Rule, dockerfile, platforms));
        Assert.DoesNotContain(new DockerfileLinter().Lint(dockerfile, DockerIgnore.Parse(GoodIgnore), platforms: platforms), f => f.Id is "SW1070" or "SW1071");
    }

    [Fact]
    public void A_run_in_the_final_stage_fires_only_for_two_platforms()
    {
        var dockerfile = CrossBuild(PinnedBuildLine, "RUN mkdir /data");

        var finding = Assert.Single(RunFor(Rule, dockerfile, TwoPlatforms));
        Assert.Equal(("SW1070", LintSeverity.Warning, 15), (finding.Id, finding.Severity, finding.Line));
        Assert.Contains("the RUN on line 15 is in the final stage 'final'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("linux/amd64, linux/arm64", finding.Message, StringComparison.Ordinal);
        Assert.Contains("every target platform other than the build machine's", finding.Message, StringComparison.Ordinal);
        Assert.Contains("FROM --platform=$BUILDPLATFORM <image> AS build", finding.Message, StringComparison.Ordinal);

        Assert.Empty(RunFor(Rule, dockerfile, "linux/amd64"));
        Assert.Empty(RunFor(Rule, dockerfile));
        Assert.Equal(["SW1070"], RunFor(Rule, dockerfile, "linux/amd64,linux/arm64").Select(f => f.Id));
    }

    [Fact]
    public void The_linter_takes_the_platforms_and_slipway_ignore_suppresses_the_finding()
    {
        var dockerfile = CrossBuild(PinnedBuildLine, "RUN mkdir /data");
        var ignore = DockerIgnore.Parse(GoodIgnore);
        var linter = new DockerfileLinter();

        Assert.Equal(["SW1070:15"], linter.Lint(dockerfile, ignore, platforms: TwoPlatforms).Where(f => f.Id.StartsWith("SW107", StringComparison.Ordinal)).Select(f => $"{f.Id}:{f.Line}"));
        var suppressed = dockerfile.Replace("RUN mkdir /data", "# slipway-ignore SW1070\nRUN mkdir /data", StringComparison.Ordinal);
        Assert.DoesNotContain(linter.Lint(suppressed, ignore, platforms: TwoPlatforms), f => f.Id == "SW1070");
    }

    [Fact]
    public void A_chiseled_final_stage_that_only_copies_is_quiet() =>
        Assert.Empty(RunFor(Rule, Lines(
            "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0@" + Digest + " AS build",
            "RUN dotnet publish -c Release -o /app",
            "FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled@" + Digest,
            "COPY --from=build /app /app",
            "ENTRYPOINT [\"/app/Acme.Orders\"]"), TwoPlatforms));

    [Fact]
    public void A_scratch_export_stage_is_quiet() =>
        Assert.Empty(RunFor(Rule, Lines(
            "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0@" + Digest + " AS build",
            "RUN dotnet publish -c Release -o /out",
            "FROM scratch AS export",
            "COPY --from=build /out /"), TwoPlatforms));

    [Fact]
    public void A_run_in_an_unpinned_stage_the_final_stage_builds_on_fires_on_that_line()
    {
        var findings = RunFor(Rule, Lines(
            "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0@" + Digest + " AS build",
            "RUN dotnet publish -c Release -o /app",
            "FROM mcr.microsoft.com/dotnet/aspnet:10.0@" + Digest + " AS base",
            "RUN apt-get update && apt-get install -y --no-install-recommends libgdiplus && rm -rf /var/lib/apt/lists/*",
            "FROM base AS final",
            "COPY --from=build /app /app",
            "ENTRYPOINT [\"dotnet\", \"/app/Acme.Orders.dll\"]"), TwoPlatforms);

        var finding = Assert.Single(findings);
        Assert.Equal(("SW1070", 4), (finding.Id, finding.Line));
        Assert.Contains("the RUN on line 4 is in stage 'base' (line 3), which the final stage builds on", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_that_starts_on_the_build_platform_is_not_emulated() =>
        Assert.Empty(RunFor(Rule, Lines(
            "FROM --platform=$BUILDPLATFORM alpine:3.20@" + Digest + " AS base",
            "RUN apk add --no-cache ca-certificates",
            "FROM base",
            "RUN echo done"), TwoPlatforms));

    [Fact]
    public void Stages_the_final_image_does_not_need_are_not_checked() =>
        Assert.Empty(RunFor(Rule, Lines(
            "FROM mcr.microsoft.com/dotnet/sdk:10.0@" + Digest + " AS test",
            "RUN dotnet test",
            "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0@" + Digest + " AS build",
            "RUN dotnet publish -o /app",
            "FROM mcr.microsoft.com/dotnet/aspnet:10.0@" + Digest,
            "COPY --from=build /app /app"), TwoPlatforms));

    [Fact]
    public void Stages_built_on_an_unpinned_stage_are_reported_once_where_the_pin_goes()
    {
        var finding = Assert.Single(RunFor(Rule, Lines(
            "FROM mcr.microsoft.com/dotnet/sdk:10.0@" + Digest + " AS restore",
            "RUN dotnet restore",
            "FROM restore AS build",
            "RUN dotnet publish --no-restore -o /app",
            "FROM mcr.microsoft.com/dotnet/aspnet:10.0@" + Digest,
            "COPY --from=build /app /app"), TwoPlatforms));

        Assert.Equal(("SW1071", 1), (finding.Id, finding.Line));
        Assert.Contains("the RUN steps of stages 'restore', 'build'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0@" + Digest + " AS restore'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_used_by_index_or_by_a_run_mount_is_checked()
    {
        Assert.Equal([1], RunFor(Rule, Lines(
            "FROM golang:1.23@" + Digest,
            "RUN go build -o /tool .",
            "FROM alpine:3.20@" + Digest,
            "COPY --from=0 /tool /tool"), TwoPlatforms).Select(f => f.Line));
        Assert.Equal([1], RunFor(Rule, Lines(
            "FROM golang:1.23@" + Digest + " AS tools",
            "RUN go build -o /out/tool .",
            "FROM --platform=$BUILDPLATFORM alpine:3.20@" + Digest + " AS build",
            "RUN --mount=type=bind,from=tools,source=/out,target=/tools /tools/tool > /result",
            "FROM scratch",
            "COPY --from=build /result /"), TwoPlatforms).Select(f => f.Line));
    }

    [Fact]
    public void A_build_stage_on_a_stage_of_the_final_image_is_told_to_start_from_an_image()
    {
        var finding = Assert.Single(RunFor(Rule, Lines(
            "FROM mcr.microsoft.com/dotnet/aspnet:10.0@" + Digest + " AS base",
            "FROM base AS build",
            "RUN mkdir /out",
            "FROM base",
            "COPY --from=build /out /out"), TwoPlatforms));

        Assert.Equal(("SW1071", 2), (finding.Id, finding.Line));
        Assert.Contains("builds on stage 'base', which is part of the final image", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parser_exposes_the_platform_of_from()
    {
        var df = DockerfileParser.Parse(Lines(
            "ARG PIN=linux/arm64",
            "FROM --platform=\"${BUILDPLATFORM}\" img AS a",
            "FROM --platform=$PIN img AS b",
            "FROM img AS c"));

        Assert.Equal(("${BUILDPLATFORM}", "$BUILDPLATFORM"), (df.Stages[0].Platform, df.Stages[0].ResolvedPlatform));
        Assert.Equal(("$PIN", "linux/arm64"), (df.Stages[1].Platform, df.Stages[1].ResolvedPlatform));
        Assert.Null(df.Stages[2].Platform);
        Assert.Empty(df.Errors);
    }

    [Fact]
    public void Platform_without_an_equals_sign_is_a_parse_error_docker_also_stops_on()
    {
        var dockerfile = CrossBuild("FROM --platform $BUILDPLATFORM ${SDK_IMAGE} AS build");
        var df = DockerfileParser.Parse(dockerfile);

        var error = Assert.Single(df.Errors);
        Assert.Equal((DockerfileParser.ParseErrorId, 4), (error.Id, error.Line));
        Assert.Contains("--platform=$BUILDPLATFORM", error.Message, StringComparison.Ordinal);
        Assert.Equal(("build", "$BUILDPLATFORM"), (df.Stages[0].Name, df.Stages[0].Platform));
        Assert.Empty(RunFor(Rule, dockerfile, TwoPlatforms));
    }

    private static readonly string TemplateDirectory = Path.Combine(RepositoryPaths.Root, "src", "Slipway.Templates", "content", "slipway");

    private static string Template() => File.ReadAllText(Path.Combine(TemplateDirectory, "Dockerfile"));

    [Fact]
    public void The_template_with_its_build_stage_on_the_build_platform_has_no_findings_for_two_platforms()
    {
        var template = Template();
        Assert.True(template.Contains(BuildLine, StringComparison.Ordinal) || template.Contains(PinnedBuildLine, StringComparison.Ordinal));
        var pinned = template.Replace(BuildLine, PinnedBuildLine, StringComparison.Ordinal);

        var findings = new DockerfileLinter().Lint(pinned, DockerIgnore.Parse(File.ReadAllText(Path.Combine(TemplateDirectory, ".dockerignore"))), platforms: TwoPlatforms);

        Assert.Empty(findings.Select(f => f.Format("Dockerfile")));
    }

    [Fact]
    public void The_template_with_an_unpinned_build_stage_gets_sw1071_and_the_dotnet_cross_build_error_sw1120_for_two_platforms()
    {
        var unpinned = Template().Replace(PinnedBuildLine, BuildLine, StringComparison.Ordinal);
        var line = unpinned.Split('\n').ToList().IndexOf(BuildLine) + 1;

        var findings = new DockerfileLinter().Lint(unpinned, DockerIgnore.Parse(File.ReadAllText(Path.Combine(TemplateDirectory, ".dockerignore"))), platforms: TwoPlatforms);

        Assert.Equal([$"SW1071:{line}", $"SW1120:{line}"], findings.Select(f => $"{f.Id}:{f.Line}"));
    }
}
