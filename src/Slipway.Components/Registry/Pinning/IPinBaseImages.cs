using Slipway.Processes;

namespace Slipway.Components.Registry;

/// <summary>
/// Keeps the Dockerfile's base images pinned: resolves each base image tag (in <c>FROM repo:tag@sha256:…</c> lines and
/// the <c>ARG X=repo:tag@sha256:…</c> defaults a <c>FROM</c> uses) to the digest it points at now, and rewrites the pins
/// in place. Public registries are read anonymously; a local registry over plain HTTP.
/// </summary>
public interface IPinBaseImages : IContainerImage
{
    /// <summary>Rewrites the Dockerfile's base image digests to the current digests of their tags, printing old → new.</summary>
    Target PinBaseImages => _ => _
        .Description("Updates the Dockerfile's base image digests to what their tags point at now")
        .Executes(async () =>
        {
            using var registry = new RegistryClient();
            var pins = await new BaseImagePinner(registry, RetrySettings.Default).PinAsync(Dockerfile, BuildCancellation.Token);
            var changed = pins.Count(p => !p.IsCurrent);
            ReportSummary(changed == 0 ? $"{pins.Count} base image(s) up to date" : $"{changed} of {pins.Count} base image pin(s) updated");
        });
}
