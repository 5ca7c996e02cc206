using Slipway.Components.References;
using Slipway.Components.Registry;
using Slipway.Components.Release;
using Slipway.Components.Signing;
using Slipway.Components.Tests.Registry;

namespace Slipway.Components.Tests.Signing;

/// <summary>Promotion against real registries: a target that does not answer is retried, then refused, and nothing is tagged.</summary>
public sealed class PromoterTests : IDisposable
{
    private readonly List<string> _images = [];

    public void Dispose()
    {
        foreach (var image in _images) LocalDocker.RemoveImage(image);
    }

    [SkippableFact]
    public async Task A_target_registry_that_does_not_answer_is_retried_then_named_and_nothing_is_copied_or_tagged()
    {
        Skip.If(LocalDocker.Unavailable is not null, LocalDocker.Unavailable);
        Skip.If(Processes.Tool.Find("cosign") is null, "cosign is not on PATH (tests/infra/container-env.sh installs it)");
        var id = LocalDocker.BuildUniqueImage("0123456789abcdef0123456789abcdef01234567", "org.opencontainers.image.version=2.0.1");
        _images.Add(id);
        var source = $"{LocalDocker.Registry}/promote-{Guid.NewGuid():N}/app";
        LocalDocker.Docker("tag", id, $"{source}:2.0.1");
        _images.Add($"{source}:2.0.1");
        var pushed = LocalDocker.Docker("push", "-q", $"{source}:2.0.1").Trim();
        var digest = pushed[(pushed.LastIndexOf('@') + 1)..];
        var reference = $"{source}@{(digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest : await DigestOf(source))}";
        var unreachable = ImageRepository.Parse($"127.0.0.1:{LocalDocker.FreePort()}/production/app");

        var promotion = Promoter.PromoteAsync(new PromotionRequest
        {
            Source = new PublishedImage(reference, ImageReference.Parse(reference), Cosign.Find()),
            SourceCredentials = null,
            Target = unreachable,
            TargetCredentials = null,
            Cosign = Cosign.Find(),
            Retry = new RetrySettings(2, TimeSpan.FromMilliseconds(50)),
        }, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => promotion);
        Assert.Contains($"Reading {unreachable}:2.0.1 failed after 3 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("reachable", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> DigestOf(string repository)
    {
        using var registry = new RegistryClient();
        return (await registry.GetDigestAsync(ImageRepository.Parse(repository), "2.0.1", null))!;
    }
}
