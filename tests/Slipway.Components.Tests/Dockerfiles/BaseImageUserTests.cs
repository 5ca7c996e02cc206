using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class BaseImageUserTests
{
    private static readonly RuntimeUserRule User = new();
    private static readonly HealthcheckRule Health = new();

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra")]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra@" + Digest)]
    public void Accepts_no_user_on_a_chiseled_or_distroless_dotnet_base(string image) =>
        Assert.Empty(Ids(User, Lines("FROM " + image)));

    [Fact]
    public void Resolves_a_chiseled_base_through_an_arg_and_a_parent_stage() =>
        Assert.Empty(Ids(User, Lines("ARG RUNTIME=mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", "FROM $RUNTIME AS base", "FROM base")));

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet@" + Digest)]
    [InlineData("localhost:5000/dotnet/aspnet:10.0-noble-chiseled")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine-extra")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0-noble-chiseled")]
    [InlineData("debian:bookworm-slim")]
    [InlineData("ubuntu:24.04")]
    public void Still_warns_without_user_on_other_bases(string image) =>
        Assert.Equal(["SW1042"], Ids(User, Lines("FROM " + image)));

    [Fact]
    public void A_root_user_on_a_chiseled_base_is_still_rejected() =>
        Assert.Equal(["DL3002"], Ids(User, Lines("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", "USER root")));

    [Theory]
    [InlineData("USER $APP_UID")]
    [InlineData("USER ${APP_UID}")]
    [InlineData("USER ${APP_UID}:${APP_UID}")]
    public void Resolves_app_uid_on_a_dotnet_base(string user) =>
        Assert.Empty(Ids(User, Lines("FROM mcr.microsoft.com/dotnet/aspnet:10.0@" + Digest, user)));

    [Fact]
    public void App_uid_set_in_the_dockerfile_wins_over_the_base() =>
        Assert.Equal(["DL3002"], Ids(User, Lines("FROM mcr.microsoft.com/dotnet/aspnet:10.0", "ENV APP_UID=0", "USER $APP_UID")));

    [Theory]
    [InlineData("localhost:5000/dotnet/aspnet:10.0")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:7.0")]
    [InlineData("ubuntu:24.04")]
    public void App_uid_is_unknown_on_other_bases(string image) =>
        Assert.Equal(["SW1041"], Ids(User, Lines("FROM " + image, "USER $APP_UID")));

    [Fact]
    public void An_export_stage_from_scratch_needs_no_user_or_healthcheck()
    {
        var dockerfile = Lines("FROM sdk AS build", "RUN dotnet publish -o /out", "FROM scratch AS export", "ARG CONFIG", "COPY --from=build /out /");

        Assert.Empty(Ids(User, dockerfile));
        Assert.Empty(Ids(Health, dockerfile));
    }

    [Theory]
    [InlineData("COPY --from=build /out/app /app", "ENTRYPOINT [\"/app\"]")]
    [InlineData("COPY app /app", "LABEL a=b")]
    public void A_scratch_stage_that_runs_or_copies_from_the_context_is_still_checked(string first, string second)
    {
        var dockerfile = Lines("FROM sdk AS build", "FROM scratch", first, second);

        Assert.Equal(["SW1042"], Ids(User, dockerfile));
        Assert.Equal(["SW1050"], Ids(Health, dockerfile));
    }
}
