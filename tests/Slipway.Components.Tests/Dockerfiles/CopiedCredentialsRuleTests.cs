using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class CopiedCredentialsRuleTests
{
    private static readonly CopiedCredentialsRule Rule = new();

    private static string NuGetConfig(string password) => Lines(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        "<configuration>",
        "  <packageSources>",
        "    <add key=\"private\" value=\"https://pkgs.example.com/nuget/v3/index.json\" />",
        "  </packageSources>",
        "  <packageSourceCredentials>",
        "    <private>",
        "      <add key=\"Username\" value=\"ci\" />",
        $"      <add key=\"ClearTextPassword\" value=\"{password}\" />",
        "    </private>",
        "  </packageSourceCredentials>",
        "</configuration>");

    /// <summary>A two-stage Dockerfile whose build stage runs <paramref name="copy"/> (line 3).</summary>
    private static string BuildStageCopying(string copy) => Lines(
        "FROM sdk AS build",
        "WORKDIR /src",
        copy,
        "RUN dotnet restore",
        "FROM runtime AS final",
        "COPY --from=build /app ./");

    private static Dictionary<string, string> Context(params (string Path, string Text)[] files) =>
        files.Append((Path: "global.json", Text: "{}")).Append((Path: "src/App/Program.cs", Text: "return 0;")).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);

    [Fact]
    public void Fires_on_a_literal_ClearTextPassword_in_a_NuGet_config_the_build_stage_copies_through_a_glob()
    {
        var findings = RunInContext(Rule, BuildStageCopying("COPY global.json Directory.Build.props NuGet.confi[g] ./"), Context(("NuGet.config", NuGetConfig("s3cr3t"))));

        var finding = Assert.Single(findings);
        Assert.Equal(("SW1062", LintSeverity.Error, 3, null), (finding.Id, finding.Severity, finding.Line, finding.File));
        Assert.Contains("COPY on line 3 copies 'NuGet.config' into stage 'build'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("NuGet.config:9 holds a literal ClearTextPassword for the source 'private'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("%NUGET_AUTH_TOKEN%", finding.Message, StringComparison.Ordinal);
        Assert.Contains("RUN --mount=type=secret,id=nuget_auth_token NUGET_AUTH_TOKEN=\"$(cat /run/secrets/nuget_auth_token 2>/dev/null)\" dotnet restore", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("COPY . .", "NuGet.config")]
    [InlineData("COPY ./ /src/", "nuget.config")]
    [InlineData("ADD . /src", "NuGet.Config")]
    [InlineData("COPY [\".\", \"/src/\"]", "NuGet.config")]
    [InlineData("COPY src/ src/", "src/App/NuGet.config")]
    [InlineData("COPY src/*/NuGet.config ./", "src/App/NuGet.config")]
    [InlineData("COPY --chown=1654 src /src", "src/App/nuget.config")]
    public void Fires_on_a_NuGet_config_of_any_case_inside_a_copied_directory(string copy, string path)
    {
        var finding = Assert.Single(RunInContext(Rule, BuildStageCopying(copy), Context((path, NuGetConfig("s3cr3t")))));

        Assert.Equal(("SW1062", 3), (finding.Id, finding.Line));
        Assert.Contains($"'{path}'", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:9", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fires_on_the_encrypted_Password_key_too()
    {
        var config = NuGetConfig("x").Replace("key=\"ClearTextPassword\" value=\"x\"", "key=\"Password\" value=\"AQAAANCMnd8BFdERjHoAwE\"", StringComparison.Ordinal);

        Assert.Contains("a literal Password", Assert.Single(RunInContext(Rule, BuildStageCopying("COPY . ."), Context(("NuGet.config", config)))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%NUGET_AUTH_TOKEN%")]
    [InlineData(" %NUGET_AUTH_TOKEN% ")]
    [InlineData("")]
    public void Does_not_fire_on_an_environment_reference_or_an_empty_value(string password) =>
        Assert.Empty(RunInContext(Rule, BuildStageCopying("COPY . ."), Context(("NuGet.config", NuGetConfig(password)))));

    [Theory]
    [InlineData("NuGet.config")]
    [InlineData("**/[Nn]u[Gg]et.[Cc]onfig")]
    public void Does_not_fire_when_the_dockerignore_excludes_the_file(string pattern) =>
        Assert.Empty(RunInContext(Rule, BuildStageCopying("COPY . ."), Context(("NuGet.config", NuGetConfig("s3cr3t"))), GoodIgnore + pattern + "\n"));

    [Fact]
    public void Fires_when_a_dockerignore_exception_brings_the_file_back() =>
        Assert.Single(RunInContext(Rule, BuildStageCopying("COPY . ."), Context(("src/App/NuGet.config", NuGetConfig("s3cr3t"))), GoodIgnore + "src/\n!src/App/NuGet.config\n"));

    [Theory]
    [InlineData("COPY --from=build /src/NuGet.config ./")]
    [InlineData("COPY --from=mcr.microsoft.com/dotnet/sdk:10.0 /NuGet.config ./")]
    [InlineData("COPY global.json ./")]
    [InlineData("COPY src/App/ ./")]
    [InlineData("ADD https://example.com/NuGet.config ./")]
    public void Does_not_fire_on_a_copy_that_does_not_take_the_file_from_the_context(string copy) =>
        Assert.Empty(RunInContext(Rule, Lines("FROM sdk AS build", "FROM sdk AS other", copy), Context(("NuGet.config", NuGetConfig("s3cr3t")))));

    [Fact]
    public void Fires_in_the_final_stage_and_in_every_earlier_one()
    {
        var dockerfile = Lines("FROM sdk AS restore", "COPY NuGet.config ./", "FROM sdk AS build", "COPY . .", "FROM runtime", "COPY NuGet.confi[g] /app/");

        Assert.Equal([2, 4, 6], RunInContext(Rule, dockerfile, Context(("NuGet.config", NuGetConfig("s3cr3t")))).Select(f => f.Line));
    }

    [Fact]
    public void Expands_stage_variables_in_sources()
    {
        var dockerfile = Lines("FROM sdk", "ARG CONFIG_DIR=deploy", "COPY ${CONFIG_DIR}/ ./");

        Assert.Single(RunInContext(Rule, dockerfile, Context(("deploy/NuGet.config", NuGetConfig("s3cr3t")))));
    }

    [Theory]
    [InlineData("//npm.pkg.github.com/:_authToken=abc", "_authToken")]
    [InlineData("_authToken=abc", "_authToken")]
    [InlineData("_auth = \"dXNlcjpwYXNz\"", "_auth")]
    [InlineData("//registry.example.com/:_password=cGFzcw==", "_password")]
    public void Fires_on_a_literal_npm_token_naming_file_and_line(string line, string key)
    {
        var npmrc = Lines("registry=https://registry.npmjs.org/", "@acme:registry=https://npm.pkg.github.com", line);

        var finding = Assert.Single(RunInContext(Rule, BuildStageCopying("COPY web/ web/"), Context(("web/.npmrc", npmrc))));

        Assert.Contains($"'web/.npmrc'", finding.Message, StringComparison.Ordinal);
        Assert.Contains($"web/.npmrc:3 holds a literal {key}", finding.Message, StringComparison.Ordinal);
        Assert.Contains("${NPM_TOKEN}", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//npm.pkg.github.com/:_authToken=${NPM_TOKEN}")]
    [InlineData("_authToken=\"${NPM_TOKEN}\"")]
    [InlineData("# _authToken=abc")]
    [InlineData("always-auth=true")]
    public void Does_not_fire_on_npm_environment_references_or_settings(string line) =>
        Assert.Empty(RunInContext(Rule, BuildStageCopying("COPY . ."), Context((".npmrc", Lines("registry=https://registry.npmjs.org/", line)))));

    [Theory]
    [InlineData(".pypirc", "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc\n", 3, "a literal password")]
    [InlineData(".git-credentials", "https://ci:ghp_abc123@github.com\n", 1, "a URL with a password")]
    [InlineData(".netrc", "machine nuget.example.com\n  login ci\n  password hunter2\n", 3, "a password")]
    [InlineData("_netrc", "machine example.com login ci password hunter2\n", 1, "a password")]
    [InlineData("home/.docker/config.json", "{\n  \"auths\": {\n    \"ghcr.io\": { \"auth\": \"Y2k6dG9rZW4=\" }\n  }\n}\n", 3, "a registry \"auth\"")]
    public void Fires_on_other_credential_files(string path, string text, int line, string description) =>
        Assert.Contains($"{path}:{line} holds {description}", Assert.Single(RunInContext(Rule, BuildStageCopying("COPY . ."), Context((path, text)))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(".pypirc", "[pypi]\nusername = __token__\n")]
    [InlineData(".git-credentials", "")]
    [InlineData("home/.docker/config.json", "{ \"auths\": { \"ghcr.io\": {} }, \"credsStore\": \"desktop\" }\n")]
    [InlineData("appsettings/config.json", "{ \"auth\": \"not-docker\" }\n")]
    public void Does_not_fire_on_credential_files_without_a_credential(string path, string text) =>
        Assert.Empty(RunInContext(Rule, BuildStageCopying("COPY . ."), Context((path, text))));

    [Fact]
    public void Does_not_fire_on_a_NuGet_config_that_is_not_xml() =>
        Assert.Empty(RunInContext(Rule, BuildStageCopying("COPY . ."), Context(("NuGet.config", "ClearTextPassword=s3cr3t"))));

    [Fact]
    public void Finds_nothing_without_a_build_context() =>
        Assert.Empty(Run(Rule, BuildStageCopying("COPY . .")));
}
