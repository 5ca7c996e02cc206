using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Tests.Dockerfiles;

/// <summary>SW1130: another image's project folder in this image's build context, as Visual Studio's layout has it.</summary>
public sealed class SharedContextCheckTests
{
    private const string Root = "/repo";
    private const string Dockerfile = "/repo/src/Contoso.Api/Dockerfile";
    private static readonly string[] Others = ["/repo/src/Contoso.Worker"];

    [Fact]
    public void Another_images_folder_in_the_context_is_advice_naming_it_and_the_dockerfile_specific_ignore_file()
    {
        var finding = Assert.Single(SharedContextCheck.Check(Dockerfile, Root, DockerIgnore.Parse("**/bin\n**/obj\n"), Others));

        Assert.Equal("SW1130", finding.Id);
        Assert.Equal(LintSeverity.Info, finding.Severity);
        Assert.Contains("also holds src/Contoso.Worker/ of the repository's other images", finding.Message, StringComparison.Ordinal);
        Assert.Contains("add Dockerfile.dockerignore beside the Dockerfile: BuildKit reads it instead of .dockerignore; give it that file's lines and src/Contoso.Worker/.", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("src/Contoso.Worker/")]
    [InlineData("src/Contoso.Worker")]
    [InlineData("src/*.Worker")]
    public void A_dockerfile_specific_ignore_file_that_excludes_the_folder_leaves_nothing_to_say(string pattern)
    {
        var ignore = DockerIgnore.Parse($"**/bin\n{pattern}\n", "Dockerfile.dockerignore");

        Assert.Empty(SharedContextCheck.Check(Dockerfile, Root, ignore, Others));
    }

    [Fact]
    public void A_dockerfile_specific_ignore_file_that_keeps_the_folder_is_told_to_add_it()
    {
        var ignore = DockerIgnore.Parse("**/bin\n", "Dockerfile.dockerignore");

        var finding = Assert.Single(SharedContextCheck.Check(Dockerfile, Root, ignore, Others));

        Assert.EndsWith("To keep it cached, add src/Contoso.Worker/ to Dockerfile.dockerignore.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_image_or_other_images_outside_the_context_leave_nothing_to_say()
    {
        Assert.Empty(SharedContextCheck.Check(Dockerfile, Root, null, []));
        Assert.Empty(SharedContextCheck.Check(Dockerfile, "/repo/src/Contoso.Api", null, Others));
    }
}
