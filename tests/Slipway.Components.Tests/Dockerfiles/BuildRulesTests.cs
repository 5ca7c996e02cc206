using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class BuildRulesTests
{
    private static readonly RestoreOrderRule Restore = new();

    [Fact]
    public void Accepts_manifests_copied_and_restored_before_the_source() =>
        Assert.Empty(Ids(Restore, Lines(
            "FROM sdk AS build",
            "COPY [\"global.json\", \"nuget.config\", \"Directory.Build.props\", \"Directory.Packages.props\", \"./\"]",
            "COPY src/*/*.csproj Acme.slnx packages.lock.json ./",
            "COPY --from=tools /tools /tools",
            "RUN dotnet restore Acme.slnx",
            "COPY . .",
            "RUN dotnet publish --no-restore")));

    [Fact]
    public void Warns_when_the_source_is_copied_before_the_restore()
    {
        var findings = Run(Restore, Lines("FROM sdk", "COPY App.csproj ./", "COPY src/ src/", "RUN dotnet restore", "COPY . ."));

        var finding = Assert.Single(findings);
        Assert.Equal(("SW1020", LintSeverity.Warning, 3), (finding.Id, finding.Severity, finding.Line));
        Assert.Contains("'src/'", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NuGet.confi[g]", true)]
    [InlineData("src/*/[A]pp.csproj", true)]
    [InlineData("Program.c[s]", false)]
    [InlineData("NuGet.confi[gx]", false)]
    public void A_one_letter_bracket_class_counts_as_its_letter(string source, bool manifest) =>
        Assert.Equal(manifest, RestoreOrderRule.IsManifest(source));

    [Fact]
    public void Warns_when_publish_restores_without_a_restore_step() =>
        Assert.Equal(["SW1021"], Ids(Restore, Lines("FROM sdk", "COPY . .", "RUN dotnet publish -c Release -o /out")));

    [Fact]
    public void Ignores_stages_that_do_not_restore() =>
        Assert.Empty(Ids(Restore, Lines("FROM sdk", "COPY . .", "RUN make")));

    [Fact]
    public void Finds_the_restore_inside_a_heredoc() =>
        Assert.Equal(["SW1020"], Ids(Restore, Lines("FROM sdk", "COPY . .", "RUN <<EOF", "dotnet restore", "EOF")));

    [Fact]
    public void Apt_install_needs_no_install_recommends_and_list_cleanup()
    {
        var rule = new AptGetRule();

        Assert.Equal(["DL3009", "DL3015"], Ids(rule, Lines("FROM img", "RUN apt-get update && apt-get install -y curl")).Order(StringComparer.Ordinal));
        Assert.Empty(Ids(rule, Lines("FROM img", "RUN apt-get update \\", " && apt-get install -y --no-install-recommends curl \\", " && rm -rf /var/lib/apt/lists/*")));
        Assert.Empty(Ids(rule, Lines("FROM img", "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get -q install --no-install-recommends -y curl")));
        Assert.Equal(["DL3015"], Ids(rule, Lines("FROM img", "RUN <<EOF", "apt-get install -y curl", "rm -rf /var/lib/apt/lists/*", "EOF")));
        Assert.Empty(Ids(rule, Lines("FROM img", "RUN apt-get update")));
    }

    [Fact]
    public void Workdir_must_be_absolute()
    {
        var rule = new WorkdirRule();

        var finding = Assert.Single(Run(rule, Lines("FROM img", "WORKDIR /src", "WORKDIR app")));
        Assert.Equal(("DL3000", 3), (finding.Id, finding.Line));
        Assert.Empty(Ids(rule, Lines("FROM img", "ENV APP=/app", "WORKDIR $APP", "WORKDIR $UNKNOWN/x", "WORKDIR \"/with space\"")));
        Assert.Equal(["DL3000"], Ids(rule, Lines("ARG DIR=rel", "FROM img", "ARG DIR", "WORKDIR ${DIR}")));
        Assert.Empty(Ids(rule, Lines("# escape=`", "FROM img", "WORKDIR C:\\app")));
    }

    [Fact]
    public void Add_only_for_urls_and_archives()
    {
        var rule = new AddInsteadOfCopyRule();

        Assert.Empty(Ids(rule, Lines("FROM img", "ADD https://example.com/tool.tar.gz /opt/", "ADD rootfs.tar.xz /", "ADD --chown=1:1 [\"vendor.tgz\", \"/v/\"]")));
        var finding = Assert.Single(Run(rule, Lines("FROM img", "ADD app.dll config.json /app/")));
        Assert.Equal(("DL3020", LintSeverity.Error, 2), (finding.Id, finding.Severity, finding.Line));
    }
}
