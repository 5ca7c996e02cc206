using Slipway.Components.Dotnet;
using Slipway.IO;

namespace Slipway.Components.Tests.Dotnet;

public sealed class GlobalJsonTests : IDisposable
{
    private readonly AbsolutePath _directory = AbsolutePath.Create(Directory.CreateTempSubdirectory("slipway-globaljson-").FullName);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_sdk_version_and_roll_forward_are_read_comments_and_trailing_commas_allowed()
    {
        (_directory / "global.json").WriteAllText("{\n  // the SDK\n  \"sdk\": { \"version\": \"10.0.401\", \"rollForward\": \"latestFeature\", },\n}");

        var globalJson = GlobalJson.Read(_directory);

        Assert.Equal("10.0.401", globalJson?.SdkVersion);
        Assert.Equal("latestFeature", globalJson?.RollForward);
    }

    [Fact]
    public void No_file_is_null_and_a_file_without_sdk_names_no_version()
    {
        Assert.Null(GlobalJson.Read(_directory));
        (_directory / "global.json").WriteAllText("{ \"msbuild-sdks\": { } }");
        Assert.Null(GlobalJson.Read(_directory)?.SdkVersion);
    }

    [Fact]
    public void A_file_that_is_not_json_is_an_error_naming_it_and_the_fix()
    {
        (_directory / "global.json").WriteAllText("{ \"sdk\": ");

        var error = Assert.Throws<BuildFailedException>(() => GlobalJson.Read(_directory));

        Assert.Contains("global.json is not valid global.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"10.0.401\"", error.Message, StringComparison.Ordinal);
    }
}
