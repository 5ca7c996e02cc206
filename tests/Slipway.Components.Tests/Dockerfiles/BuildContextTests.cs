using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Tests.Dockerfiles;

public sealed class BuildContextTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("slipway-context-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text = "")
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Lists_every_file_dot_files_included_with_forward_slashes_in_ordinal_order()
    {
        Write("src/App/.npmrc");
        Write("NuGet.config");
        Write(".env");

        Assert.Equal([".env", "NuGet.config", "src/App/.npmrc"], BuildContext.FromDirectory(_root, ignore: null).Files);
    }

    [Fact]
    public void Leaves_out_what_the_dockerignore_excludes_and_keeps_what_an_exception_brings_back()
    {
        Write("src/App/NuGet.config");
        Write("src/App/Program.cs");
        Write("src/App/bin/Release/App.dll");
        Write("deploy/.netrc");

        var context = BuildContext.FromDirectory(_root, DockerIgnore.Parse("**/bin\nsrc/\n!src/App/NuGet.config\n"));

        Assert.Equal(["deploy/.netrc", "src/App/NuGet.config"], context.Files);
    }

    [Fact]
    public void Reads_a_files_text_by_its_context_path()
    {
        Write("src/App/.npmrc", "_authToken=abc\n");

        Assert.Equal("_authToken=abc\n", BuildContext.FromDirectory(_root, ignore: null).ReadText("src/App/.npmrc"));
        Assert.Null(BuildContext.FromDirectory(_root, ignore: null).ReadText("missing"));
    }
}
