using Slipway.Components.Sbom;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Sbom;

/// <summary>
/// The OS packages read out of real images of tests/infra/container-env.sh: RUNTIME_IMAGE (Debian bookworm with .NET).
/// Only created containers, never started by the reader; each test removes what it created.
/// </summary>
public sealed class ImagePackageReaderTests : IDisposable
{
    private readonly DockerEnvironment _env = DockerEnvironment.Current;
    private readonly TemporaryDirectory _temp = new("slipway-sbom-image");

    [SkippableFact]
    public async Task Lists_libc6_of_the_runtime_image_with_the_version_its_dpkg_reports()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var expected = await DpkgQueryAsync(_env.RuntimeImage, "libc6");

        var os = await new ImagePackageReader(_env.Docker).ReadAsync(_env.RuntimeImage, _temp.Path / "image");

        Assert.NotNull(os);
        Assert.Equal(("debian", "12"), (os.Release.Id, os.Release.VersionId));
        Assert.Equal([ImagePackageReader.StatusFile], os.Database);
        var libc = Assert.Single(os.Packages, p => p.Name == "libc6");
        Assert.Equal((expected.Version, expected.Architecture, "glibc"), (libc.Version, libc.Architecture, libc.SourceName));
        Assert.Equal($"pkg:deb/debian/libc6@{PackageUrl.Encode(expected.Version)}?arch={expected.Architecture}&distro=debian-12", os.PurlOf(libc));
        Assert.Contains(os.Packages, p => p.Name == "base-files");
        Assert.Equal(await InstalledCountAsync(_env.RuntimeImage), os.Packages.Count);
    }

    [SkippableFact]
    public async Task Reads_the_status_d_files_of_a_container_beside_its_status_file()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var statusD = (_temp.Path / "status.d").CreateDirectory();
        (statusD / "libchiseled1").WriteAllText("Package: libchiseled1\nVersion: 1.0-1ubuntu1\nArchitecture: amd64\nSource: chiseled\n");
        (statusD / "libchiseled1.md5sums").WriteAllText("d41d8cd98f00b204e9800998ecf8427e  usr/lib/libchiseled.so.1\n");
        var container = (await _env.Docker.Command("create", "--pull", "never", _env.RuntimeImage, "true").ExecuteAsync()).StandardOutput.Trim();
        try
        {
            await _env.Docker.Command("cp", statusD, $"{container}:{ImagePackageReader.StatusDirectory}").ExecuteAsync();

            var os = await new ImagePackageReader(_env.Docker).ReadContainerAsync(container, _temp.Path / "copied");

            Assert.NotNull(os);
            Assert.Equal([ImagePackageReader.StatusFile, ImagePackageReader.StatusDirectory + "/"], os.Database);
            Assert.Contains(os.Packages, p => p.Name == "libc6");
            Assert.Equal(new DebianPackage("libchiseled1", "1.0-1ubuntu1", "amd64", "chiseled"), Assert.Single(os.Packages, p => p.Name == "libchiseled1"));
        }
        finally
        {
            await _env.Docker.TryAsync(CancellationToken.None, "rm", "--force", container);
        }
    }

    [SkippableFact]
    public async Task An_image_that_is_not_in_the_engine_fails_naming_it()
    {
        Skip.IfNot(_env.IsAvailable, _env.Reason);
        var missing = "sha256:" + new string('0', 64);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => new ImagePackageReader(_env.Docker).ReadAsync(missing, _temp.Path / "none"));

        Assert.Contains($"'docker create {missing}' failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Run DockerBuild again", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_answers_for_a_missing_path_are_told_from_other_failures()
    {
        Assert.True(ImagePackageReader.IsMissingPath("Error response from daemon: Could not find the file /var/lib/dpkg/status.d in container 1a6f"));
        Assert.True(ImagePackageReader.IsMissingPath("Error: No such container:path: 1a6f:/var/lib/dpkg/status"));
        Assert.False(ImagePackageReader.IsMissingPath("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"));
    }

    // dpkg's own answer, from a throwaway container of the image (which has dpkg-query): independent of the parser.
    private async Task<(string Version, string Architecture)> DpkgQueryAsync(string image, string package)
    {
        var result = await _env.Docker.Command("run", "--rm", "--network", "none", "--entrypoint", "dpkg-query", image,
            "-W", "-f", "${Version} ${Architecture}", package).ExecuteAsync();
        var words = result.StandardOutput.Trim().Split(' ');
        return (words[0], words[1]);
    }

    private async Task<int> InstalledCountAsync(string image)
    {
        var result = await _env.Docker.Command("run", "--rm", "--network", "none", "--entrypoint", "dpkg-query", image,
            "-W", "-f", "${db:Status-Status}\n").ExecuteAsync();
        return result.StandardOutput.Split('\n').Count(l => l.Trim() == "installed");
    }

    public void Dispose() => _temp.Dispose();
}
