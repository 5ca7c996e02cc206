using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Tests.Dockerfiles;

public class DockerIgnoreTests
{
    [Theory]
    [InlineData("bin/", "bin/App.dll", true)]
    [InlineData("bin/", "src/App/bin/App.dll", false)]
    [InlineData("**/bin", "bin/App.dll", true)]
    [InlineData("**/bin", "src/App/bin/Release/App.dll", true)]
    [InlineData("**/bin/", "src/App/bin/App.dll", true)]
    [InlineData("/.git", ".git/HEAD", true)]
    [InlineData(".git*", ".git/HEAD", true)]
    [InlineData("*.log", "build.log", true)]
    [InlineData("*.log", "logs/build.log", false)]
    [InlineData("**/*.log", "logs/build.log", true)]
    [InlineData("src/*/obj", "src/App/obj/x.json", true)]
    [InlineData("src/*/obj", "src/a/b/obj/x.json", false)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("[ab].txt", "c.txt", false)]
    [InlineData("./docs/../.env", ".env", true)]
    public void Matches_like_docker(string pattern, string path, bool excluded) =>
        Assert.Equal(excluded, DockerIgnore.Parse(pattern).Excludes(path));

    [Fact]
    public void Skips_comments_and_blank_lines()
    {
        var ignore = DockerIgnore.Parse("# .env\n\n   \n");

        Assert.False(ignore.Excludes(".env"));
    }

    [Fact]
    public void The_last_matching_pattern_wins_and_exceptions_re_include()
    {
        var ignore = DockerIgnore.Parse("*.md\n!README.md\nREADME*\n!docs\n");

        Assert.True(ignore.Excludes("CHANGES.md"));
        Assert.True(ignore.Excludes("README.md"));
        Assert.False(ignore.Excludes("docs"));
        Assert.True(DockerIgnore.Parse("**/bin\n!src/App/bin").Excludes("tools/bin/x"));
        Assert.False(DockerIgnore.Parse("**/bin\n!src/App/bin").Excludes("src/App/bin/x"));
    }

    [Fact]
    public void Loads_the_dockerfile_specific_ignore_file_before_the_context_one()
    {
        var dir = Directory.CreateTempSubdirectory("slipway-dockerignore-").FullName;
        try
        {
            var dockerfile = Path.Combine(dir, "Dockerfile");
            Assert.Null(DockerIgnore.Load(dockerfile, dir));

            File.WriteAllText(Path.Combine(dir, ".dockerignore"), ".env\n");
            Assert.Equal(".dockerignore", DockerIgnore.Load(dockerfile, dir)!.FileName);

            File.WriteAllText(dockerfile + ".dockerignore", "*.log\n");
            var specific = DockerIgnore.Load(dockerfile, dir)!;
            Assert.Equal("Dockerfile.dockerignore", specific.FileName);
            Assert.False(specific.Excludes(".env"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
