using Slipway.Components.Dockerfiles;
using static Slipway.Components.Tests.Dockerfiles.LintHarness;

namespace Slipway.Components.Tests.Dockerfiles;

public class RestoreOrderRuleTests
{
    private static readonly RestoreOrderRule Restore = new();

    [Fact]
    public void Accepts_publish_with_no_restore_in_a_stage_built_on_a_stage_that_restored() =>
        Assert.Empty(Ids(Restore, Lines(
            "FROM sdk AS build",
            "COPY App.csproj ./",
            "RUN dotnet restore",
            "COPY . .",
            "RUN dotnet build --no-restore",
            "FROM build AS publish",
            "RUN dotnet publish --no-restore -c Release -o /out")));

    [Fact]
    public void Warns_when_a_stage_built_on_a_restored_stage_restores_again()
    {
        var finding = Assert.Single(Run(Restore, Lines("FROM sdk AS build", "COPY App.csproj ./", "RUN dotnet restore", "FROM build AS publish", "COPY . .", "RUN dotnet publish -c Release")));

        Assert.Equal(("SW1021", 6), (finding.Id, finding.Line));
        Assert.Contains("--no-restore", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_restore_does_not_help_when_no_earlier_stage_restored()
    {
        Assert.Equal(["SW1021"], Ids(Restore, Lines("FROM sdk AS build", "COPY . .", "FROM build AS publish", "RUN dotnet publish --no-restore")));
        Assert.Equal(["SW1021"], Ids(Restore, Lines("FROM sdk AS build", "RUN dotnet restore", "FROM sdk AS publish", "RUN dotnet publish --no-restore")));
    }

    [Fact]
    public void No_restore_must_be_on_the_dotnet_command_itself() =>
        Assert.Equal(["SW1021"], Ids(Restore, Lines("FROM sdk AS build", "RUN dotnet restore", "FROM build", "RUN dotnet publish -c Release && echo --no-restore")));

    [Theory]
    [InlineData("RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish -c Release -o /out")]
    [InlineData("RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages/ dotnet build")]
    [InlineData("RUN --mount=type=cache,dst=/home/app/.nuget/packages,sharing=locked dotnet publish")]
    public void Accepts_restore_and_publish_in_one_run_with_a_nuget_cache_mount(string run) =>
        Assert.Empty(Ids(Restore, Lines("FROM sdk AS build", "COPY . .", run)));

    [Fact]
    public void Accepts_a_cache_mount_on_the_nuget_packages_folder_named_by_env() =>
        Assert.Empty(Ids(Restore, Lines("FROM sdk", "ENV NUGET_PACKAGES=/nuget", "COPY . .", "RUN --mount=type=cache,target=/nuget dotnet publish")));

    [Theory]
    [InlineData("RUN --mount=type=cache,target=/root/.cache dotnet publish")]
    [InlineData("RUN --mount=type=bind,target=/root/.nuget/packages dotnet publish")]
    [InlineData("RUN --mount=type=secret,id=nuget_auth_token dotnet publish")]
    public void Other_mounts_do_not_replace_the_restore_step(string run) =>
        Assert.Equal(["SW1021"], Ids(Restore, Lines("FROM sdk", "COPY . .", run)));

    [Theory]
    [InlineData("docker-compose.dcproj")]
    [InlineData("src/Db/Db.sqlproj")]
    [InlineData("build.proj")]
    [InlineData("src/App/App.fsproj")]
    [InlineData("src/Legacy/Legacy.vbproj")]
    [InlineData("src/*/*.*proj")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Build.targets")]
    [InlineData("Directory.Packages.props")]
    [InlineData("NuGet.config")]
    [InlineData("global.json")]
    [InlineData("src/App/packages.lock.json")]
    public void Every_msbuild_project_kind_and_build_file_is_a_manifest(string source) =>
        Assert.True(RestoreOrderRule.IsManifest(source));

    [Theory]
    [InlineData("Program.cs")]
    [InlineData("src/")]
    [InlineData(".")]
    [InlineData("project.json.bak")]
    [InlineData("proj")]
    public void Source_files_are_not_manifests(string source) =>
        Assert.False(RestoreOrderRule.IsManifest(source));

    [Fact]
    public void A_dcproj_copied_before_the_restore_is_not_reported() =>
        Assert.Empty(Ids(Restore, Lines("FROM sdk", "COPY [\"docker-compose.dcproj\", \"App/App.csproj\", \"./\"]", "RUN dotnet restore", "COPY . .")));
}
