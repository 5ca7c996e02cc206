using Slipway.Components.Dockerfiles;
using Slipway.Components.Images;
using Slipway.Components.Tests.Versioning;

namespace Slipway.Components.Tests.Images;

public class SourceChangesTests
{
    private static readonly DockerIgnore s_ignore = DockerIgnore.Parse("**/bin\n**/obj\nartifacts/\n.nuke/\nREADME.md\n");

    [Fact]
    public void Changes_inside_the_context_count_and_what_dockerignore_excludes_does_not()
    {
        const string porcelain = " M src/App/Program.cs\0?? src/App/New.cs\0!! src/App/obj/project.assets.json\0 M README.md\0!! artifacts/image.json\0D  src/App/Old.cs\0";

        var files = SourceChanges.InContext(porcelain, "", s_ignore);

        Assert.Equal(["src/App/New.cs", "src/App/Old.cs", "src/App/Program.cs"], files);
    }

    [Fact]
    public void A_context_below_the_repository_root_sees_only_its_own_files_relative_to_itself()
    {
        const string porcelain = " M services/orders/src/Program.cs\0 M services/billing/src/Program.cs\0";

        Assert.Equal(["src/Program.cs"], SourceChanges.InContext(porcelain, "services/orders/", null));
    }

    [Fact]
    public void Describe_names_the_first_files_and_counts_the_rest()
    {
        var changes = new SourceChanges([.. Enumerable.Range(1, 12).Select(i => $"f{i:00}.cs")]);

        Assert.Equal("f01.cs, f02.cs and 10 more", changes.Describe(2));
        Assert.True(changes.IsDirty);
        Assert.False(SourceChanges.None.IsDirty);
    }

    [SkippableFact]
    public async Task Git_reports_modified_untracked_and_ignored_files_of_the_context()
    {
        Skip.IfNot(TempGitRepository.GitAvailable, "git is not installed");
        using var repository = TempGitRepository.Create();
        File.WriteAllText(Path.Combine(repository.Path, ".gitignore"), "secrets.txt\n");
        File.WriteAllText(Path.Combine(repository.Path, ".dockerignore"), "notes/\n");
        File.WriteAllText(Path.Combine(repository.Path, "Dockerfile"), "FROM scratch\n");
        repository.Git("add", "--all");
        repository.Commit("first");
        var dockerfile = Path.Combine(repository.Path, "Dockerfile");
        Assert.Empty((await SourceChanges.ReadAsync(repository.Path, dockerfile)).Files);

        File.AppendAllText(Path.Combine(repository.Path, "history.txt"), "uncommitted\n");
        File.WriteAllText(Path.Combine(repository.Path, "secrets.txt"), "ignored by git, still in the context\n");
        Directory.CreateDirectory(Path.Combine(repository.Path, "notes"));
        File.WriteAllText(Path.Combine(repository.Path, "notes", "todo.md"), "outside the context\n");

        var changes = await SourceChanges.ReadAsync(repository.Path, dockerfile);

        Assert.Equal(["history.txt", "secrets.txt"], changes.Files);
    }

    [Fact]
    public void Build_metadata_gives_the_manifest_and_config_digests()
    {
        var manifest = "sha256:" + new string('a', 64);
        var config = "sha256:" + new string('b', 64);

        var metadata = BuildMetadata.Parse($$"""{"containerimage.digest":"{{manifest}}","containerimage.config.digest":"{{config}}","image.name":"x:build-1"}""", "m.json");

        Assert.Equal(new BuildMetadata(manifest, config), metadata);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""{"containerimage.digest":"sha256:short","containerimage.config.digest":"sha256:short"}""")]
    public void Build_metadata_without_digests_fails_naming_the_file(string json) =>
        Assert.Contains("m.json", Assert.Throws<BuildFailedException>(() => BuildMetadata.Parse(json, "m.json")).Message, StringComparison.Ordinal);
}
