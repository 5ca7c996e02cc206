using Serilog;
using Serilog.Core;
using Serilog.Events;
using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public sealed class DockerLintRunTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("slipway-dockerlint-").FullName;
    private readonly List<LogEvent> _events = [];
    private readonly List<string> _summaries = [];
    private readonly Logger _logger;

    public DockerLintRunTests() => _logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new ListSink(_events)).CreateLogger();

    public void Dispose()
    {
        _logger.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private IReadOnlyList<LintFinding> Execute(string dockerfile, IReadOnlyDictionary<string, string>? args = null) =>
        DockerLintRun.Execute(_root, dockerfile, args ?? new Dictionary<string, string>(), _summaries.Add, _logger);

    private static object? Property(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var v) && v is ScalarValue s ? s.Value : null;

    [Fact]
    public void Passes_a_good_dockerfile_and_reports_zero_counts()
    {
        Write(".dockerignore", Fixture("Good.dockerignore"));
        Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\", \"rollForward\": \"latestFeature\" } }");
        Write("NuGet.config", "<configuration />");
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Packages.props", "<Project />");
        Write("src/Acme.Orders/Acme.Orders.csproj", ProjectContexts.Project());
        Write("src/Acme.Orders/Program.cs", "return 0;");
        var findings = Execute(Write("Dockerfile", Fixture("Good.Dockerfile")));

        Assert.Empty(findings);
        Assert.Empty(_events);
        Assert.Equal(["Dockerfile: 0 errors, 0 warnings"], _summaries);
    }

    [Fact]
    public void Warnings_are_logged_as_annotations_and_do_not_fail()
    {
        Write(".dockerignore", GoodIgnore);
        Execute(Write("Dockerfile", Lines("FROM img:1@" + Digest, "HEALTHCHECK CMD [\"x\"]", "USER app")));

        var warning = Assert.Single(_events);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal(("Dockerfile", 3), (Property(warning, "SourceFile"), Property(warning, "SourceLine")));
        Assert.StartsWith("Dockerfile:3: SW1040 ", Property(warning, "Finding") as string, StringComparison.Ordinal);
        Assert.Equal(["Dockerfile: 0 errors, 1 warning"], _summaries);
    }

    [Fact]
    public void Errors_fail_with_their_count_after_reporting_the_summary()
    {
        var dockerfile = Write("docker/Dockerfile", Lines("FROM ubuntu", "USER root", "HEALTHCHECK NONE"));

        var ex = Assert.Throws<BuildFailedException>(() => Execute(dockerfile));

        Assert.StartsWith("docker/Dockerfile has 3 lint errors;", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["docker/Dockerfile: 3 errors, 1 warning"], _summaries);
        var ignoreError = Assert.Single(_events, e => (string?)Property(e, "Finding") is { } f && f.Contains("SW1030", StringComparison.Ordinal));
        Assert.Equal(("docker/Dockerfile", null), (Property(ignoreError, "SourceFile"), Property(ignoreError, "SourceLine")));
        Assert.Equal(LogEventLevel.Error, ignoreError.Level);
    }

    [Fact]
    public void Dockerignore_findings_point_at_the_ignore_file_in_the_context()
    {
        Write("deploy/.dockerignore", ".git\n" + SecretPatterns);
        Execute(Write("deploy/Dockerfile", Lines("FROM img:1@" + Digest, "USER 1654", "HEALTHCHECK CMD [\"x\"]")));

        Assert.Equal(3, _events.Count);
        Assert.All(_events, e => Assert.Equal(("deploy/.dockerignore", null), (Property(e, "SourceFile"), Property(e, "SourceLine"))));
        Assert.StartsWith("deploy/.dockerignore: SW1031 ", Property(_events[0], "Finding") as string, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_a_copied_NuGet_config_fails_at_the_copy_line()
    {
        Write(".dockerignore", GoodIgnore);
        Write("NuGet.config", Lines(
            "<configuration>",
            "  <packageSourceCredentials>",
            "    <feed><add key=\"ClearTextPassword\" value=\"s3cr3t\" /></feed>",
            "  </packageSourceCredentials>",
            "</configuration>"));
        var dockerfile = Write("Dockerfile", Lines(
            "FROM img:1@" + Digest + " AS build", "COPY NuGet.confi[g] ./",
            "FROM img:1@" + Digest, "USER 1654", "HEALTHCHECK CMD [\"x\"]"));

        Assert.Throws<BuildFailedException>(() => Execute(dockerfile));

        var error = Assert.Single(_events);
        Assert.Equal((LogEventLevel.Error, "Dockerfile", 2), (error.Level, Property(error, "SourceFile"), Property(error, "SourceLine")));
        Assert.StartsWith("Dockerfile:2: SW1062 COPY on line 2 copies 'NuGet.config' into stage 'build', and NuGet.config:3 holds", Property(error, "Finding") as string, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_arguments_override_arg_defaults()
    {
        Write(".dockerignore", GoodIgnore);
        var dockerfile = Write("Dockerfile", Lines("ARG RUNTIME_IMAGE=img:latest", "FROM ${RUNTIME_IMAGE}", "USER 1654", "HEALTHCHECK CMD [\"x\"]"));

        Assert.Throws<BuildFailedException>(() => Execute(dockerfile));
        Assert.Empty(Execute(dockerfile, BuildArguments.Parse(["RUNTIME_IMAGE=img:1@" + Digest])));
    }

    [Fact]
    public void A_missing_dockerfile_fails_with_its_path()
    {
        var ex = Assert.Throws<BuildFailedException>(() => Execute(Path.Combine(_root, "Dockerfile")));

        Assert.Contains("--dockerfile", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_summaries);
    }

    [Fact]
    public void Build_arguments_must_be_name_equals_value()
    {
        Assert.Equal("a=b", BuildArguments.Parse(["X=1", "X=a=b"])["X"]);
        Assert.Throws<BuildFailedException>(() => BuildArguments.Parse(["RUNTIME_IMAGE"]));
        Assert.Throws<BuildFailedException>(() => BuildArguments.Parse(["=value"]));
    }

    [Fact]
    public void A_visual_studio_dockerfile_is_linted_against_the_solution_folder_it_is_built_from()
    {
        foreach (var (path, text) in ProjectContexts.Contoso()) Write(Path.Combine("Contoso", path), text);
        var dockerfile = Write("Contoso/src/Contoso.Api/Dockerfile", Fixture("VisualStudio.Dockerfile"));

        var ex = Assert.Throws<BuildFailedException>(() => DockerLintRun.Execute(
            _root, dockerfile, new Dictionary<string, string>(), _summaries.Add, _logger, contextDirectory: Path.Combine(_root, "Contoso")));

        Assert.StartsWith("Contoso/src/Contoso.Api/Dockerfile has 3 lint errors;", ex.Message, StringComparison.Ordinal);
        var errors = _events.Where(e => e.Level == LogEventLevel.Error).Select(e => (string)Property(e, "Finding")!).ToList();
        Assert.Equal(["SW1001", "SW1001", "SW1080"], errors.Select(e => e.Split(' ')[1]).Order(StringComparer.Ordinal)); // SW1001: its bases are not pinned by digest
        var error = Assert.Single(_events, e => ((string)Property(e, "Finding")!).Contains(" SW1080 ", StringComparison.Ordinal));
        Assert.StartsWith("Contoso/src/Contoso.Api/Dockerfile:14: SW1080 'dotnet restore' on line 14 needs src/Contoso.Infrastructure/Contoso.Infrastructure.csproj",
            Property(error, "Finding") as string, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_context_directory_the_dockerfiles_folder_is_the_context()
    {
        foreach (var (path, text) in ProjectContexts.Contoso()) Write(Path.Combine("Contoso", path), text);
        Write("Contoso/src/Contoso.Api/.dockerignore", GoodIgnore);
        var dockerfile = Write("Contoso/src/Contoso.Api/Dockerfile", Fixture("VisualStudio.Dockerfile"));

        Assert.Throws<BuildFailedException>(() => Execute(dockerfile));

        Assert.Equal([11, 12, 13], _events.Where(e => ((string)Property(e, "Finding")!).Contains(" SW1090 ", StringComparison.Ordinal)).Select(e => (int)Property(e, "SourceLine")!));
    }

    [Fact]
    public void An_sdk_tag_global_json_rejects_fails_naming_the_global_json_above_the_context()
    {
        Write("global.json", "{ \"sdk\": { \"version\": \"10.0.401\" } }");
        Write("service/.dockerignore", GoodIgnore);
        var dockerfile = Write("service/Dockerfile", Lines(
            "FROM mcr.microsoft.com/dotnet/sdk:10.0.100-noble@" + Digest + " AS build",
            "FROM img:1@" + Digest, "USER 1654", "HEALTHCHECK CMD [\"x\"]"));

        Assert.Throws<BuildFailedException>(() => Execute(dockerfile));

        var error = Assert.Single(_events);
        Assert.StartsWith("service/Dockerfile:1: SW1100 stage 'build' builds with SDK 10.0.100 (mcr.microsoft.com/dotnet/sdk:10.0.100-noble), but global.json asks for 10.0.401 with rollForward 'patch'",
            Property(error, "Finding") as string, StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_directory_that_does_not_exist_fails_naming_it()
    {
        var dockerfile = Write("Dockerfile", Lines("FROM img:1@" + Digest));

        var ex = Assert.Throws<BuildFailedException>(() => DockerLintRun.Execute(
            _root, dockerfile, new Dictionary<string, string>(), _summaries.Add, _logger, contextDirectory: Path.Combine(_root, "missing")));

        Assert.Contains("missing is not a directory", ex.Message, StringComparison.Ordinal);
    }

    private sealed class ListSink(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(logEvent);
    }
}
