using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class SecretsRuleTests
{
    private static readonly SecretsRule Rule = new();

    [Theory]
    [InlineData("COPY .env /app/")]
    [InlineData("COPY config/.env.production /app/")]
    [InlineData("COPY certs/server.pem /certs/")]
    [InlineData("ADD tls.KEY /certs/")]
    [InlineData("COPY [\"keys/id_rsa.pub\", \"/root/.ssh/\"]")]
    [InlineData("COPY --from=build /src/id_rsa /root/.ssh/")]
    public void Rejects_copying_secret_files(string copy)
    {
        var finding = Assert.Single(Run(Rule, Lines("FROM img", copy)));

        Assert.Equal(("SW1060", LintSeverity.Error, 2), (finding.Id, finding.Severity, finding.Line));
    }

    [Fact]
    public void Accepts_ordinary_files() =>
        Assert.Empty(Ids(Rule, Lines("FROM img", "COPY appsettings.json keyboard.txt env/ /app/", "COPY src/Keys.cs /src/")));

    [Theory]
    [InlineData("ENV DB_PASSWORD=hunter2")]
    [InlineData("ENV GITHUB_TOKEN ghp_abc")]
    [InlineData("ENV A=1 client_secret=\"s\"")]
    [InlineData("ARG NUGET_API_KEY=abc")]
    [InlineData("ARG StripeApiKey=abc")]
    public void Rejects_secret_named_variables_with_a_value(string instruction) =>
        Assert.Equal(["SW1061"], Ids(Rule, Lines("FROM img", instruction)));

    [Fact]
    public void Accepts_secret_named_args_without_value_and_ordinary_variables() =>
        Assert.Empty(Ids(Rule, Lines("ARG NUGET_TOKEN", "FROM img", "ARG DB_PASSWORD", "ENV DB_PASSWORD_FILE=", "ENV ASPNETCORE_URLS=http://+:8080")));
}
