namespace Slipway.Components.Sbom;

/// <summary>The operating-system packages an image's dpkg database lists, and the distribution they belong to.</summary>
/// <param name="Release">The distribution, from os-release (<see cref="OsRelease.UnknownDebian"/> when the image has none).</param>
/// <param name="Packages">The installed packages.</param>
/// <param name="Database">Which files they came from, e.g. <c>/var/lib/dpkg/status</c>, for the log and the SBOM.</param>
internal sealed record OsPackages(OsRelease Release, IReadOnlyList<DebianPackage> Packages, IReadOnlyList<string> Database)
{
    /// <summary>The package's purl in this distribution, e.g. <c>pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&amp;distro=debian-12</c>.</summary>
    public string PurlOf(DebianPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return PackageUrl.Deb(Release.Id, Release.VersionId, package.Name, package.Version, package.Architecture);
    }
}
