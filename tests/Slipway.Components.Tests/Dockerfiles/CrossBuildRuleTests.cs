using Slipway.Components.Dockerfiles;
using Slipway.Components.Dotnet;
using Slipway.Components.Tests.Infrastructure;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>SW1120: a .NET build stage that does not cross-build, as Visual Studio's "Add Docker Support" writes it.</summary>
public class CrossBuildRuleTests
{
    private static readonly CrossBuildRule Rule = new();

    private static string VisualStudio => Fixture("VisualStudioWebApi.Dockerfile");

    private static IReadOnlyList<LintFinding> Lint(string dockerfile, string? builder, params string[] platforms) =>
        Rule.Check(new LintInput(DockerfileParser.Parse(dockerfile), DockerIgnore.Parse(GoodIgnore)) { Platforms = platforms, BuilderPlatform = builder }).ToList();

    [Fact]
    public void A_visual_studio_build_stage_built_for_the_native_platform_is_a_warning_on_its_from_that_shows_the_cross_build()
    {
        var finding = Assert.Single(Lint(VisualStudio, "linux/amd64"));

        Assert.Equal(("SW1120", LintSeverity.Warning, 13), (finding.Id, finding.Severity, finding.Line));
        Assert.Contains("stage 'build' runs the .NET SDK on the target platform", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build', 'ARG TARGETARCH' in that stage, and 'dotnet publish -a $TARGETARCH'",
            finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_stage_built_for_a_platform_other_than_the_build_machines_is_an_error_naming_it()
    {
        var finding = Assert.Single(Lint(VisualStudio, "linux/amd64", "linux/arm64"));

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("this build for linux/arm64 runs the SDK under QEMU emulation", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_platforms_are_an_error_even_when_the_build_machines_platform_is_not_known()
    {
        Assert.Equal(LintSeverity.Error, Assert.Single(Lint(VisualStudio, null, "linux/amd64,linux/arm64")).Severity);
        Assert.Equal(LintSeverity.Warning, Assert.Single(Lint(VisualStudio, null, "linux/arm64")).Severity);
    }

    [Theory]
    [InlineData("--platform=$BUILDPLATFORM ")]
    [InlineData("--platform=${BUILDPLATFORM} ")]
    public void A_build_stage_pinned_to_the_build_platform_has_no_finding(string pin)
    {
        var crossBuilt = VisualStudio.Replace("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", $"FROM {pin}mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal);

        Assert.Empty(Lint(crossBuilt, "linux/amd64", "linux/amd64", "linux/arm64"));
    }

    [Fact]
    public void A_target_platform_pin_is_no_cross_build()
    {
        var pinned = VisualStudio.Replace("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM --platform=$TARGETPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal);

        Assert.Equal("SW1120", Assert.Single(Lint(pinned, "linux/amd64")).Id);
    }

    [Fact]
    public void Stages_that_build_no_dotnet_project_or_that_the_image_does_not_need_are_not_reported()
    {
        var dockerfile = Lines(
            "FROM node:22 AS assets",
            "RUN npm ci && npm run build",
            "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS test",
            "RUN dotnet test",
            "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS tools",
            "RUN dotnet publish tools/Tool.csproj -o /tools",
            "FROM mcr.microsoft.com/dotnet/aspnet:10.0",
            "COPY --from=assets /dist /app/wwwroot");

        Assert.Empty(Lint(dockerfile, "linux/amd64", "linux/arm64"));
    }

    [Fact]
    public void A_single_stage_sdk_image_is_the_final_images_own_problem_not_this_rules()
    {
        Assert.Empty(Lint(Lines("FROM mcr.microsoft.com/dotnet/sdk:10.0", "RUN dotnet publish -o /app", "ENTRYPOINT [\"dotnet\", \"/app/A.dll\"]"), "linux/amd64"));
    }

    [Fact]
    public void The_linter_reports_it_in_a_visual_studio_dockerfile_and_not_in_the_templates()
    {
        var template = RepositoryPaths.Root / "src" / "Slipway.Templates" / "content" / "slipway";
        var ignore = DockerIgnore.Load(template / "Dockerfile", template);

        var templateFindings = new DockerfileLinter().Lint((template / "Dockerfile").ReadAllText(), ignore, buildContext: BuildContext.FromDirectory(template, ignore),
            platforms: ["linux/amd64", "linux/arm64"], globalJson: GlobalJson.Find(template, template), builderPlatform: "linux/amd64");
        var visualStudioFindings = new DockerfileLinter().Lint(VisualStudio, DockerIgnore.Parse(GoodIgnore), platforms: ["linux/arm64"], builderPlatform: "linux/amd64");

        Assert.Empty(templateFindings.Select(f => f.Format("Dockerfile")));
        Assert.Contains(visualStudioFindings, f => f is { Id: "SW1120", Severity: LintSeverity.Error, Line: 13 });
    }
}
