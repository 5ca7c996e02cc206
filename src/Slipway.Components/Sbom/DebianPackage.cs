namespace Slipway.Components.Sbom;

/// <summary>A package installed in an image, as its dpkg database records it.</summary>
/// <param name="Name">The binary package, e.g. <c>libc6</c>.</param>
/// <param name="Version">The exact installed version, epoch included, e.g. <c>2.36-9+deb12u14</c>.</param>
/// <param name="Architecture">e.g. <c>amd64</c> or <c>all</c>; null when the stanza names none.</param>
/// <param name="SourceName">The source package, e.g. <c>glibc</c> (the binary's own name when the stanza has no <c>Source</c>).</param>
/// <param name="SourceVersion">The source package's version when it differs from <paramref name="Version"/>, e.g. <c>Source: bash (5.2.15-2)</c>.</param>
internal sealed record DebianPackage(string Name, string Version, string? Architecture, string SourceName, string? SourceVersion = null);
