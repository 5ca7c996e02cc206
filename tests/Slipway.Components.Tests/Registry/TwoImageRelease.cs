using Slipway.Components.Images;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Versioning;
using Slipway.Components.Versioning;
using Slipway.IO;

namespace Slipway.Components.Tests.Registry;

/// <summary>
/// A released repository of two images for the tests that tag and push through the engine: tag 2.0.0 on HEAD, the two
/// images listed in <c>.nuke/parameters.json</c> with their Dockerfiles committed, and their builds stood in for by unique
/// local images with records written by the test. The images are removed on dispose; names are unique per instance.
/// </summary>
internal sealed class TwoImageRelease : IDisposable
{
    private readonly List<string> _images = [];
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The first image's name, unique to this instance.</summary>
    public string Api => "api-" + _suffix;

    /// <summary>The second image's name, unique to this instance.</summary>
    public string Worker => "worker-" + _suffix;

    /// <summary>The released repository; the test skips where docker or GitVersion is absent.</summary>
    public TempGitRepository CreateRepository()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(EngineRuns.Environment())), "GitVersion.MsBuild 6.8.2 was not downloaded");
        var repository = EngineRuns.ReleasedRepository("1.0.0");
        foreach (var name in new[] { Api, Worker })
        {
            Directory.CreateDirectory(Path.Combine(repository.Path, "src", name));
            File.WriteAllText(Path.Combine(repository.Path, "src", name, "Dockerfile"), "FROM scratch\n");
        }
        Directory.CreateDirectory(Path.Combine(repository.Path, ".nuke"));
        File.WriteAllText(Path.Combine(repository.Path, ".nuke", "parameters.json"), $$"""
            { "ImageDefinitions": [
              { "Name": "{{Api}}", "Dockerfile": "src/{{Api}}/Dockerfile", "Context": "." },
              { "Name": "{{Worker}}", "Dockerfile": "src/{{Worker}}/Dockerfile", "Context": "." } ] }
            """);
        repository.Git("add", "src");
        repository.Commit("two images");
        repository.Git("tag", "2.0.0");
        return repository;
    }

    /// <summary>A unique local image of HEAD recorded as <paramref name="name"/>'s build, its scan passed or failed; returns its id.</summary>
    public string ScannedImage(TempGitRepository repository, string name, bool passed)
    {
        var commit = repository.Git("rev-parse", "HEAD");
        var imageId = LocalDocker.BuildUniqueImage(commit);
        _images.Add(imageId);
        new ImageRecord
        {
            ImageId = imageId, LocalReference = imageId, Image = name, Version = "2.0.0", Commit = commit, Revision = commit,
            Scan = new ScanRecord { ImageId = imageId, Passed = passed, Threshold = "HIGH", Blocking = passed ? 0 : 2 },
        }.Write(RecordFile(repository, name));
        return imageId;
    }

    /// <summary><c>artifacts/images/&lt;name&gt;/image.json</c> of the repository.</summary>
    public static AbsolutePath RecordFile(TempGitRepository repository, string name) =>
        AbsolutePath.Create(Path.Combine(repository.Path, "artifacts", "images", name, "image.json"));

    public void Dispose()
    {
        foreach (var image in _images) LocalDocker.RemoveImage(image);
    }
}
