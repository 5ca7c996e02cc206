using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Images;

/// <summary>On plain progress captured from a build of tests/infra/sample-service after a Program.cs change.</summary>
public class PlainProgressTests
{
    [Fact]
    public void Plain_progress_reports_the_cached_steps()
    {
        var progress = new PlainProgress();
        foreach (var line in File.ReadLines(RepositoryPaths.Fixture("Images", "plain-warm.txt"))) progress.Accept(line);

        Assert.Equal("restore layer: cached, 4 of 7 steps cached", progress.Steps.Summary);
        Assert.Equal(
            ["[build 2/6] WORKDIR /src", "[build 3/6] COPY SampleService.csproj ./", "[build 4/6] RUN dotnet restore SampleService.csproj", "[final 2/3] WORKDIR /app"],
            progress.Steps.Steps.Where(s => s.Cached).Select(s => s.Name));
    }

    [Fact]
    public void Plain_progress_failure_names_the_step_and_its_output()
    {
        var progress = new PlainProgress();
        foreach (var line in new[]
                 {
                     "#9 [build 4/6] RUN dotnet restore",
                     "#9 1.20 error NU1101: Unable to find package Nope.",
                     "#9 ERROR: process \"/bin/sh -c dotnet restore\" did not complete successfully: exit code: 1",
                     "ERROR: failed to solve: process \"/bin/sh -c dotnet restore\" did not complete successfully: exit code: 1",
                 })
        {
            progress.Accept(line);
        }

        var failure = progress.DescribeFailure();
        Assert.StartsWith("step [build 4/6] RUN dotnet restore failed: process", failure, StringComparison.Ordinal);
        Assert.Contains("NU1101", failure, StringComparison.Ordinal);
        Assert.False(progress.Steps.RestoreCached);
    }
}
