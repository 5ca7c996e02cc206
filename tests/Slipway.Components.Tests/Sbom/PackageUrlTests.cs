using Slipway.Components.Sbom;

namespace Slipway.Components.Tests.Sbom;

public class PackageUrlTests
{
    [Fact]
    public void NuGet_purl_is_type_name_and_version()
    {
        Assert.Equal("pkg:nuget/Serilog.AspNetCore@9.0.0", PackageUrl.NuGet("Serilog.AspNetCore", "9.0.0"));
    }

    [Fact]
    public void Deb_purl_names_the_distribution_architecture_and_distro_version()
    {
        Assert.Equal("pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12",
            PackageUrl.Deb("debian", "12", "libc6", "2.36-9+deb12u14", "amd64"));
        Assert.Equal("pkg:deb/ubuntu/libssl3t64@3.0.13-0ubuntu3.5?arch=amd64&distro=ubuntu-24.04",
            PackageUrl.Deb("ubuntu", "24.04", "libssl3t64", "3.0.13-0ubuntu3.5", "amd64"));
    }

    [Fact]
    public void Deb_purl_encodes_the_epoch_colon_and_tilde_stays()
    {
        Assert.Equal("pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1~bpo12?arch=amd64&distro=debian-12",
            PackageUrl.Deb("debian", "12", "zlib1g", "1:1.2.13.dfsg-1~bpo12", "amd64"));
    }

    [Fact]
    public void Deb_purl_leaves_out_qualifiers_it_has_no_value_for()
    {
        Assert.Equal("pkg:deb/debian/tzdata@2025b-0%2Bdeb12u1", PackageUrl.Deb("Debian", null, "tzdata", "2025b-0+deb12u1", null));
    }

    [Fact]
    public void Oci_purl_has_the_last_repository_segment_the_encoded_digest_and_the_repository()
    {
        var digest = "sha256:" + new string('a', 64);

        Assert.Equal($"pkg:oci/orders@sha256%3A{new string('a', 64)}?repository_url=ghcr.io/acme/orders",
            PackageUrl.Oci("ghcr.io/acme/orders", digest));
        Assert.Equal($"pkg:oci/acme-orders@sha256%3A{new string('a', 64)}", PackageUrl.Oci("acme-orders", digest));
    }

    [Fact]
    public void Qualifiers_are_sorted_by_key_and_their_values_encoded()
    {
        Assert.Equal("pkg:generic/x@1?a=b%20c&z=1", PackageUrl.Build("generic", null, "x", "1", [("z", "1"), ("a", "b c"), ("m", "")]));
    }

    [Fact]
    public void Encoding_keeps_unreserved_characters_and_percent_encodes_utf8_bytes()
    {
        Assert.Equal("Az09.-_~%2B%40%2F%3F%C3%A9", PackageUrl.Encode("Az09.-_~+@/?é"));
    }
}
