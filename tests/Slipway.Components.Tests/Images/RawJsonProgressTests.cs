using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Images;

/// <summary>On rawjson captured from buildx 0.13 building tests/infra/sample-service (see Fixtures/).</summary>
public class RawJsonProgressTests
{
    private static RawJsonProgress Read(string fixture, List<string>? log = null)
    {
        var progress = new RawJsonProgress(log is null ? null : log.Add);
        foreach (var line in File.ReadLines(RepositoryPaths.Fixture("Images", fixture))) progress.Accept(line);
        return progress;
    }

    [Fact]
    public void Cold_build_reports_every_step_rebuilt()
    {
        var steps = Read("rawjson-cold.json").Steps;

        Assert.Equal(7, steps.TotalCount);
        Assert.Equal(0, steps.CachedCount);
        Assert.False(steps.RestoreCached);
        Assert.Equal("restore layer: rebuilt, 0 of 7 steps cached", steps.Summary);
    }

    [Fact]
    public void Build_after_a_code_change_reports_the_restore_step_cached()
    {
        var steps = Read("rawjson-warm.json").Steps;

        Assert.Equal(
            [
                new BuildStep("[build 2/6] WORKDIR /src", true),
                new BuildStep("[build 3/6] COPY SampleService.csproj ./", true),
                new BuildStep("[build 4/6] RUN dotnet restore SampleService.csproj", true),
                new BuildStep("[build 5/6] COPY . ./", false),
                new BuildStep("[build 6/6] RUN dotnet publish SampleService.csproj --no-restore -c Release -o /app", false),
                new BuildStep("[final 2/3] WORKDIR /app", true),
                new BuildStep("[final 3/3] COPY --from=build /app ./", false),
            ],
            steps.Steps);
        Assert.True(steps.RestoreCached);
        Assert.Equal("restore layer: cached, 4 of 7 steps cached", steps.Summary);
    }

    [Fact]
    public void Completed_steps_and_their_output_are_logged_as_they_arrive()
    {
        var log = new List<string>();
        Read("rawjson-warm.json", log);

        Assert.Contains("CACHED [build 4/6] RUN dotnet restore SampleService.csproj", log);
        Assert.Contains("done   [build 6/6] RUN dotnet publish SampleService.csproj --no-restore -c Release -o /app", log);
        Assert.Contains(log, l => l.Contains("SampleService -> /app/", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("\"vertexes\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Failed_build_names_the_step_its_compiler_error_and_the_builder_message()
    {
        var failure = Read("rawjson-failed.json").DescribeFailure();

        Assert.StartsWith("step [build 6/6] RUN dotnet publish SampleService.csproj --no-restore -c Release -o /app failed: process", failure, StringComparison.Ordinal);
        Assert.Contains("error CS", failure, StringComparison.Ordinal);
        Assert.Contains("ERROR: failed to solve", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_cache_export_of_a_successful_build_is_reported_as_an_error()
    {
        var progress = Read("rawjson-cache-export-failed.json");

        var error = Assert.Single(progress.Errors);
        Assert.StartsWith("exporting cache to registry: error writing layer blob", error, StringComparison.Ordinal);
        Assert.Empty(Read("rawjson-warm.json").Errors);
    }

    [Fact]
    public void A_cache_ref_the_registry_does_not_hold_yet_is_a_first_build_not_a_failure()
    {
        Assert.True(ImageBuilder.IsMissingCacheImport(
            "importing cache manifest from localhost:5000/e2e/acme-orders:buildcache-main: failed to configure registry cache importer: localhost:5000/e2e/acme-orders:buildcache-main: not found"));
        Assert.False(ImageBuilder.IsMissingCacheImport(Assert.Single(Read("rawjson-cache-export-failed.json").Errors)));
        Assert.False(ImageBuilder.IsMissingCacheImport("importing cache manifest from r:5000/x:buildcache-main: unauthorized"));
    }

    [Fact]
    public void A_client_that_reaches_no_daemon_is_told_about_DOCKER_HOST_and_how_to_start_one()
    {
        var unreachable = new Slipway.Processes.ToolResult(1,
            [new("ERROR: Cannot connect to the Docker daemon at unix:///run/nope.sock. Is the docker daemon running?", true)], TimeSpan.Zero);

        var message = ImageBuilder.DaemonUnreachable(unreachable, "unix:///run/nope.sock");

        Assert.NotNull(message);
        Assert.Contains("DOCKER_HOST is 'unix:///run/nope.sock'", message, StringComparison.Ordinal);
        Assert.Contains("Start the daemon", message, StringComparison.Ordinal);
        Assert.Contains("not set", ImageBuilder.DaemonUnreachable(unreachable, null), StringComparison.Ordinal);
        Assert.Null(ImageBuilder.DaemonUnreachable(new Slipway.Processes.ToolResult(1, [new("ERROR: failed to solve: process did not complete successfully", true)], TimeSpan.Zero), null));
    }

    [Fact]
    public void Single_line_objects_and_foreign_lines_are_read()
    {
        var progress = new RawJsonProgress();
        progress.Accept("WARNING: local cache import at /tmp/x not found");
        progress.Accept("""{"vertexes":[{"digest":"sha256:1","name":"[2/3] RUN dotnet restore","cached":true,"completed":"2026-01-01T00:00:00Z"}]}""");
        progress.Accept("""{"vertexes":[{"digest":"sha256:2","name":"[3/3] COPY . .","completed":"2026-01-01T00:00:00Z"}]}""");

        Assert.Equal("restore layer: cached, 1 of 2 steps cached", progress.Steps.Summary);
        Assert.Contains("WARNING: local cache import", progress.DescribeFailure(), StringComparison.Ordinal);
    }
}
