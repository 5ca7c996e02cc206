using Slipway.Components.Dotnet;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.Registry;

/// <summary>
/// Keeps the Dockerfile's base images pinned: resolves each base image tag (in <c>FROM repo:tag@sha256:…</c> lines and
/// the <c>ARG X=repo:tag@sha256:…</c> defaults a <c>FROM</c> uses) to the digest it points at now, and rewrites the pins
/// in place. The .NET SDK image follows <c>global.json</c>, the one place the SDK version is set: a tag naming a full SDK
/// version (<c>sdk:10.0.401-noble</c>) moves to global.json's version. The same images pinned in <c>.gitlab-ci.yml</c>
/// (the job's image) and in <c>build/*.cs</c> (the attribute it is generated from) move with them. Public registries
/// are read anonymously; a local registry over plain HTTP.
/// </summary>
public interface IPinBaseImages : IContainerImage
{
    /// <summary>Rewrites the Dockerfile's base image digests to the current digests of their tags, printing old → new.</summary>
    Target PinBaseImages => _ => _
        .Description("Updates the Dockerfile's base image digests to what their tags point at now, the SDK image to global.json's version")
        .Validates(() => SelectedImage)
        .Executes(async () =>
        {
            using var registry = new RegistryClient();
            var sdkVersion = GlobalJson.Find(RootDirectory, RootDirectory)?.Version.ToString();
            var pins = await new BaseImagePinner(registry, RetrySettings.Default).PinAsync(SelectedImage.Dockerfile, sdkVersion, PinCompanions(RootDirectory), BuildCancellation.Token);
            var changed = pins.Count(p => !p.IsCurrent);
            ReportSummary(changed == 0 ? $"{pins.Count} base image(s) up to date" : $"{changed} of {pins.Count} base image pin(s) updated");
        });

    /// <summary>The files whose pins of the Dockerfile's images move with it: <c>.gitlab-ci.yml</c> and the build's C# files.</summary>
    internal static IReadOnlyList<AbsolutePath> PinCompanions(AbsolutePath root)
    {
        var build = root / "build";
        var sources = build.DirectoryExists()
            ? Directory.EnumerateFiles(build, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                            && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(AbsolutePath.Create)
            : [];
        return [root / ".gitlab-ci.yml", .. sources];
    }
}
