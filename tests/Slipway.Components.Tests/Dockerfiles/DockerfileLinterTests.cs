using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class DockerfileLinterTests
{
    private static readonly DockerfileLinter Linter = new();

    [Fact]
    public void A_good_production_dockerfile_has_no_findings()
    {
        var findings = Linter.Lint(Fixture("Good.Dockerfile"), DockerIgnore.Parse(Fixture("Good.dockerignore")));

        Assert.Empty(findings.Select(f => f.Format("Dockerfile")));
    }

    [Fact]
    public void The_good_dockerfile_stays_clean_with_base_images_passed_as_build_arguments()
    {
        var args = new Dictionary<string, string>
        {
            ["SDK_IMAGE"] = "localhost:5000/dotnet/sdk:10.0.401-bookworm@" + Digest,
            ["RUNTIME_IMAGE"] = "localhost:5000/dotnet/aspnet:10.0.0-bookworm@" + Digest,
        };

        Assert.Empty(Linter.Lint(Fixture("Good.Dockerfile"), DockerIgnore.Parse(Fixture("Good.dockerignore")), args));
    }

    [Fact]
    public void A_naive_dockerfile_gets_findings_ordered_by_line()
    {
        var findings = Linter.Lint(Lines(
            "FROM mcr.microsoft.com/dotnet/sdk:latest",
            "WORKDIR app",
            "COPY . .",
            "RUN dotnet publish -o out",
            "ENTRYPOINT dotnet out/App.dll"), dockerIgnore: null);

        Assert.Equal(
            ["SW1030:0", "DL3007:1", "SW1001:1", "SW1010:1", "SW1042:1", "SW1050:1", "DL3000:2", "SW1021:4", "DL3025:5"],
            findings.Select(f => $"{f.Id}:{f.Line}"));
    }

    [Fact]
    public void Slipway_ignore_on_the_line_above_suppresses_only_the_named_ids_there()
    {
        var dockerfile = Lines(
            "FROM img:1@" + Digest,
            "# slipway-ignore DL3025,SW1040",
            "USER app",
            "# slipway-ignore DL3025",
            "CMD run",
            "HEALTHCHECK CMD [\"x\"]",
            "ENTRYPOINT run");

        var findings = Linter.Lint(dockerfile, DockerIgnore.Parse(GoodIgnore));

        Assert.Equal(["DL3025:7"], findings.Select(f => $"{f.Id}:{f.Line}"));
    }

    [Fact]
    public void Slipway_ignore_above_a_from_suppresses_its_base_image_findings()
    {
        var dockerfile = Lines(
            "ARG RUNTIME_IMAGE=img:1.0",
            "# slipway-ignore SW1001",
            "FROM ${RUNTIME_IMAGE}",
            "USER 1654",
            "HEALTHCHECK CMD [\"x\"]");

        Assert.Empty(Linter.Lint(dockerfile, DockerIgnore.Parse(GoodIgnore)));
        Assert.Equal(["SW1001"], Linter.Lint(dockerfile.Replace("# slipway-ignore SW1001\n", "", StringComparison.Ordinal), DockerIgnore.Parse(GoodIgnore)).Select(f => f.Id));
    }

    [Fact]
    public void Parse_errors_are_findings()
    {
        var findings = Linter.Lint("RUN echo\n", DockerIgnore.Parse(GoodIgnore));

        Assert.Equal([DockerfileParser.ParseErrorId], findings.Select(f => f.Id));
    }

    [Fact]
    public void Formats_findings_as_path_line_id_message()
    {
        Assert.Equal("docker/Dockerfile:3: DL3002 msg", new LintFinding("DL3002", LintSeverity.Error, 3, "msg").Format("docker/Dockerfile"));
        Assert.Equal(".dockerignore: SW1031 msg", new LintFinding("SW1031", LintSeverity.Warning, 0, "msg").Format(".dockerignore"));
    }
}
