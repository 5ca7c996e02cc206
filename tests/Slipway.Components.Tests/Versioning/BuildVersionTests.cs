using Slipway.Components.Versioning;

namespace Slipway.Components.Tests.Versioning;

public class BuildVersionTests
{
    // Output of GitVersion 6.8.2 on a feature branch.
    private const string GitVersion6Output = """
        {
          "AssemblySemFileVer": "1.2.4.0",
          "AssemblySemVer": "1.2.4.0",
          "BranchName": "feature/Add+Thing",
          "BuildMetaData": null,
          "CommitDate": "2026-11-28",
          "CommitsSinceVersionSource": 2,
          "EscapedBranchName": "feature-Add-Thing",
          "FullBuildMetaData": "Branch.feature-Add-Thing.Sha.5f1fe2d5205748a12968aa1f9ee52d34189046b5",
          "FullSemVer": "1.2.4-Add-Thing.1+2",
          "InformationalVersion": "1.2.4-Add-Thing.1+Branch.feature-Add-Thing.Sha.5f1fe2d5205748a12968aa1f9ee52d34189046b5",
          "Major": 1,
          "MajorMinorPatch": "1.2.4",
          "Minor": 2,
          "Patch": 4,
          "PreReleaseLabel": "Add-Thing",
          "PreReleaseLabelWithDash": "-Add-Thing",
          "PreReleaseNumber": 1,
          "PreReleaseTag": "Add-Thing.1",
          "PreReleaseTagWithDash": "-Add-Thing.1",
          "SemVer": "1.2.4-Add-Thing.1",
          "Sha": "5f1fe2d5205748a12968aa1f9ee52d34189046b5",
          "ShortSha": "5f1fe2d",
          "UncommittedChanges": 0,
          "VersionSourceDistance": 2,
          "WeightedPreReleaseNumber": 1
        }
        """;

    [Fact]
    public void Reads_gitversion_6_output_by_property_name()
    {
        var version = BuildVersion.Parse(GitVersion6Output);

        Assert.Equal("1.2.4-Add-Thing.1", version.SemVer);
        Assert.Equal("1.2.4-Add-Thing.1+2", version.FullSemVer);
        Assert.Equal((1, 2, 4), (version.Major, version.Minor, version.Patch));
        Assert.Equal("Add-Thing.1", version.PreReleaseTag);
        Assert.Equal("Add-Thing", version.PreReleaseLabel);
        Assert.Null(version.BuildMetaData);
        Assert.Equal("feature/Add+Thing", version.BranchName);
        Assert.Equal("5f1fe2d", version.ShortSha);
        Assert.Equal(2, version.CommitsSinceVersionSource);
        Assert.True(version.IsPrerelease);
        Assert.Equal("1.2.4", version.MajorMinorPatch);
    }

    [Fact]
    public void Tolerates_missing_fields_and_numbers_written_as_strings()
    {
        var version = BuildVersion.Parse("""{ "major": "3", "Minor": 0, "Patch": "7", "Sha": "abcdef0123456789", "VersionSourceDistance": 4 }""");

        Assert.Equal("3.0.7", version.SemVer);
        Assert.Equal("3.0.7", version.FullSemVer);
        Assert.False(version.IsPrerelease);
        Assert.Equal("abcdef0", version.ShortSha);
        Assert.Equal(4, version.CommitsSinceVersionSource);
        Assert.Null(version.BranchName);
    }

    [Fact]
    public void A_missing_major_version_is_a_clear_error() =>
        Assert.Contains("no 'Major'", Assert.Throws<BuildFailedException>(() => BuildVersion.Parse("""{ "Minor": 1, "Patch": 0 }""")).Message, StringComparison.Ordinal);

    [Fact]
    public void Output_that_is_not_json_is_a_clear_error() =>
        Assert.Contains("not JSON", Assert.Throws<BuildFailedException>(() => BuildVersion.Parse("INFO something went wrong")).Message, StringComparison.Ordinal);

    [Fact]
    public void Log_lines_around_the_json_document_are_ignored()
    {
        var output = "INFO [x] Applicable build agent found: {none}\n" + GitVersion6Output.Replace("\r", "", StringComparison.Ordinal) + "\nINFO done {ok}";
        Assert.Equal("1.2.4-Add-Thing.1", BuildVersion.Parse(GitVersionRunner.ExtractJson(output)).SemVer);
    }
}
