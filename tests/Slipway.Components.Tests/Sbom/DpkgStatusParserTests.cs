using Slipway.Components.Sbom;
using Slipway.Components.Tests.Infrastructure;

namespace Slipway.Components.Tests.Sbom;

public class DpkgStatusParserTests
{
    private const string Status = """
        Package: libc6
        Status: install ok installed
        Priority: optional
        Architecture: amd64
        Multi-Arch: same
        Source: glibc
        Version: 2.36-9+deb12u14
        Depends: libgcc-s1
        Description: GNU C Library: Shared libraries
         Contains the standard libraries that are used by nearly all programs on
         the system.
        Conffiles:
         /etc/ld.so.conf 4317c6de8564b68d628c21efa96b37e4

        Package: bash
        Essential: yes
        Status: install ok installed
        Architecture: amd64
        Source: bash (5.2.15-2)
        Version: 5.2.15-2+b7

        Package: old-removed
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1.0-1

        Package: broken
        Status: install reinstreq half-installed
        Architecture: amd64
        Version: 2.0-1

        Package: tzdata
        Status: install ok installed
        Architecture: all
        Version: 2025b-0+deb12u1
        """;

    [Fact]
    public void Reads_every_installed_stanza_with_name_version_architecture_and_source()
    {
        var packages = DpkgStatusParser.Parse(Status);

        Assert.Equal(["libc6", "bash", "tzdata"], packages.Select(p => p.Name));
        Assert.Equal(new DebianPackage("libc6", "2.36-9+deb12u14", "amd64", "glibc"), packages[0]);
        Assert.Equal(new DebianPackage("bash", "5.2.15-2+b7", "amd64", "bash", "5.2.15-2"), packages[1]);
        Assert.Equal(new DebianPackage("tzdata", "2025b-0+deb12u1", "all", "tzdata"), packages[2]);
    }

    [Fact]
    public void Skips_packages_that_are_removed_or_half_installed()
    {
        var names = DpkgStatusParser.Parse(Status).Select(p => p.Name).ToList();

        Assert.DoesNotContain("old-removed", names);
        Assert.DoesNotContain("broken", names);
    }

    [Fact]
    public void Continuation_lines_do_not_become_fields()
    {
        var stanza = Assert.Single(DpkgStatusParser.Stanzas("Package: a\nVersion: 1\nDescription: x\n Version: 9\n .\n"));

        Assert.Equal("1", stanza["Version"]);
    }

    [Fact]
    public void Reads_crlf_files_and_stanzas_separated_by_several_blank_lines()
    {
        var packages = DpkgStatusParser.Parse("Package: a\r\nVersion: 1\r\n\r\n\r\n\r\nPackage: b\r\nVersion: 2\r\nArchitecture: arm64\r\n");

        Assert.Equal([new DebianPackage("a", "1", null, "a"), new DebianPackage("b", "2", "arm64", "b")], packages);
    }

    [Fact]
    public void A_stanza_without_package_or_version_is_no_package()
    {
        Assert.Empty(DpkgStatusParser.Parse("Package: a\nStatus: install ok installed\n\nVersion: 1\nStatus: install ok installed\n"));
    }

    [Fact]
    public void Reads_the_per_package_files_of_status_d_without_a_status_field_and_skips_their_checksums()
    {
        using var temp = new TemporaryDirectory("slipway-dpkg");
        var statusD = (temp.Path / "status.d").CreateDirectory();
        (statusD / "libssl3").WriteAllText("Package: libssl3\nVersion: 3.0.17-1~deb12u2\nArchitecture: amd64\nSource: openssl\n");
        (statusD / "base-files").WriteAllText("Package: base-files\nVersion: 12.4+deb12u11\nArchitecture: amd64\n");
        (statusD / "base-files.md5sums").WriteAllText("d41d8cd98f00b204e9800998ecf8427e  etc/debian_version\n");

        var packages = DpkgStatusParser.ParseDatabase(null, statusD);

        Assert.Equal(["base-files", "libssl3"], packages.Select(p => p.Name));
        Assert.Equal(new DebianPackage("libssl3", "3.0.17-1~deb12u2", "amd64", "openssl"), packages[1]);
    }

    [Fact]
    public void Status_and_status_d_together_list_a_package_once()
    {
        using var temp = new TemporaryDirectory("slipway-dpkg");
        var status = temp.Path / "status";
        status.WriteAllText(Status);
        var statusD = (temp.Path / "status.d").CreateDirectory();
        (statusD / "libc6").WriteAllText("Package: libc6\nVersion: 2.36-9+deb12u14\nArchitecture: amd64\n");
        (statusD / "zlib1g").WriteAllText("Package: zlib1g\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n");

        var packages = DpkgStatusParser.ParseDatabase(status, statusD);

        Assert.Equal(["libc6", "bash", "tzdata", "zlib1g"], packages.Select(p => p.Name));
        Assert.Equal("glibc", packages[0].SourceName); // the status file's stanza wins
    }

    [Fact]
    public void A_missing_database_is_no_packages()
    {
        Assert.Empty(DpkgStatusParser.ParseDatabase("/nonexistent/status", "/nonexistent/status.d"));
    }
}
