using Slipway.Components.Images;

namespace Slipway.Components.Tests.Images;

public class BuildStepsTests
{
    [Theory]
    [InlineData("[build 4/6] RUN dotnet restore", true)]
    [InlineData("[2/3] COPY . .", true)]
    [InlineData("[stage-1 3/3] COPY --from=build /app ./", true)]
    [InlineData("[build 1/6] FROM localhost:5000/dotnet/sdk@sha256:aa", false)]
    [InlineData("[internal] load build context", false)]
    [InlineData("exporting to image", false)]
    public void Only_numbered_instructions_other_than_FROM_are_steps(string name, bool isStep) =>
        Assert.Equal(isStep, BuildSteps.IsStep(name));

    [Fact]
    public void No_restore_publish_is_not_the_restore_step()
    {
        var steps = BuildSteps.From([("[build 5/6] RUN dotnet publish --no-restore -c Release -o /app", false)]);

        Assert.Null(steps.RestoreCached);
        Assert.Equal("restore layer: none found, 0 of 1 steps cached", steps.Summary);
    }

    [Fact]
    public void Restore_is_cached_only_when_every_restore_step_is()
    {
        var steps = BuildSteps.From(
        [
            ("[build 3/8] RUN --mount=type=cache,target=/nuget dotnet restore src/Api", true),
            ("[build 5/8] RUN dotnet restore tests/Api.Tests", false),
        ]);

        Assert.False(steps.RestoreCached);
    }

    [Fact]
    public void Repeated_reports_of_a_step_count_once_and_any_cached_report_wins()
    {
        var steps = BuildSteps.From([("[2/3] COPY . .", false), ("[2/3] COPY . .", true)]);

        Assert.Equal([new BuildStep("[2/3] COPY . .", true)], steps.Steps);
    }
}
