using Slipway.Components.Sbom;

namespace Slipway.Components.Tests.Sbom;

public class OsReleaseTests
{
    [Fact]
    public void Reads_id_version_and_pretty_name_of_debian()
    {
        var release = OsRelease.Parse("""
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION_CODENAME=bookworm
            ID=debian
            """);

        Assert.Equal(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)"), release);
        Assert.Equal("debian-12", release!.Distro);
    }

    [Fact]
    public void Reads_ubuntu_with_single_quotes_and_comments()
    {
        var release = OsRelease.Parse("# chiseled\nID='Ubuntu'\nVERSION_ID='24.04'\n");

        Assert.Equal(new OsRelease("ubuntu", "24.04", null), release);
    }

    [Fact]
    public void Without_an_id_there_is_no_release_and_without_a_version_no_distro()
    {
        Assert.Null(OsRelease.Parse("NAME=Nothing\n"));
        Assert.Null(OsRelease.Parse("ID=debian\n")!.Distro);
    }
}
