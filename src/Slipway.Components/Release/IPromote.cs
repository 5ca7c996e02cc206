using Slipway.Components.Catalog;
using Serilog;
using Slipway.Components.Destination;
using Slipway.Components.References;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Release;

/// <summary>
/// Promotes a published release to another registry (<c>./build.sh Promote --to registry/namespace</c>): verifies it first,
/// copies the digest with its signatures and attestations (no rebuild, no docker daemon), applies the version's tags
/// there under the same rules as Push (an exact version never moves, floating tags only forwards) and reads every tag back.
/// An unsigned digest, a failed verdict and a target that holds the version at another digest are refused, and nothing is copied.
/// </summary>
public interface IPromote : IVerify
{
    /// <summary>The registry and namespace to promote to, e.g. <c>registry.acme.com/production</c>.</summary>
    [Parameter("Registry and namespace to promote the published digest to, e.g. registry.acme.com/production")]
    string? To => TryGetValue(() => To);

    /// <summary>The user name for <see cref="To"/>; Docker's stored login is used when none is given.</summary>
    [Parameter("User name for the --to registry (default: Docker's stored login)")]
    string? ToUsername => TryGetValue(() => ToUsername);

    /// <summary>The password or token for <see cref="To"/>.</summary>
    [Parameter("Password or token for the --to registry")]
    [Secret]
    string? ToPassword => TryGetValue(() => ToPassword);

    /// <summary>
    /// The repositories promoted to, comma-separated: <see cref="To"/> plus each image's name (the selected images', or
    /// that of the digest <c>--image</c> names). Checked before the first target runs.
    /// </summary>
    string PromotionRepository => string.Join(", ", PublishedImage.Targets(this).Select(PromotionRepositoryOf));

    /// <summary><see cref="To"/> plus <paramref name="image"/>'s name (null: the name of the repository <c>--image</c> names).</summary>
    private string PromotionRepositoryOf(ContainerImage? image)
    {
        if (string.IsNullOrWhiteSpace(To))
            throw new BuildFailedException("Promote needs a destination: pass --to <registry/namespace>, e.g. --to registry.acme.com/production.");
        var name = image?.Name ?? ImageReference.Parse(Image).Repository?.Path.Split('/')[^1] ?? Image;
        try
        {
            return ImageRepository.Combine(To, name).ToString();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or BuildFailedException)
        {
            throw new BuildFailedException($"--to '{To}' is not a registry and namespace such as registry.acme.com/production: {ex.Message}");
        }
    }

    /// <summary>Verifies each published digest, copies it with its evidence to <see cref="To"/> and tags it there.</summary>
    Target Promote => _ => _
        .Description("Verifies the published digest, copies it with its signatures and attestations to --to and applies its version's tags there")
        .Requires(() => To)
        .Validates(() => PromotionRepository)
        .Executes(async () =>
        {
            foreach (var image in PublishedImage.Targets(this)) await PromoteImageAsync(image);
        });

    /// <summary>Promotes <paramref name="image"/>'s published digest (null: the one <c>--image</c> names) to its repository under <see cref="To"/>.</summary>
    private async Task PromoteImageAsync(ContainerImage? image)
    {
        var source = await PublishedImage.ResolveAsync(this, "Promote", image);
        var verification = await Verification.RunAsync(this, source);
        if (!verification.Passed)
            throw new BuildFailedException("Promote refused, nothing was copied: " + verification.FailureMessage);

        var target = ImageRepository.Parse(PromotionRepositoryOf(image));
        // Without --to-username/--to-password, the target registry gets Docker's own login (docker login), as docker push would.
        var targetCredentials = ToUsername is not null && ToPassword is not null
            ? new RegistryCredentials(ToUsername, ToPassword) { Source = "--to-username/--to-password" }
            : RegistryCredentials.DockerLogin(target.Host, new DockerLogins(BuildEnvironment.Of(this)));
        var cosign = source.Cosign;
        if (targetCredentials is { IsDeferred: false })
        {
            var sourceDocker = image is null ? Docker.DockerCli.For(Host.Environment) : await ContainerSession.DockerAsync(this);
            var docker = await RegistryLogin.LogInAsync(new RegistryDestination(target, "--to", targetCredentials),
                sourceDocker, OnBuildFinished, BuildCancellation.Token, ConfigureDockerLogin);
            cosign = cosign.WithEnvironment("DOCKER_CONFIG", docker.Environment.GetValueOrDefault("DOCKER_CONFIG"));
        }
        var sourceDestination = image is null ? null : ContainerSession.Destination(this, image);
        var result = await Promoter.PromoteAsync(new PromotionRequest
        {
            Source = source with { Cosign = cosign },
            SourceCredentials = sourceDestination?.Repository.Host == source.Parsed.Repository?.Host ? sourceDestination?.Credentials : null,
            Target = target,
            TargetCredentials = targetCredentials,
            Cosign = cosign,
        }, BuildCancellation.Token);

        var promoted = await Verification.RunAsync(this, source with { Reference = result.Reference, Parsed = ImageReference.Parse(result.Reference), Cosign = cosign });
        if (!promoted.Passed) throw new BuildFailedException("The promoted image does not verify in its new registry: " + promoted.FailureMessage);
        foreach (var note in result.Notes) Log.Warning("{Note}", note);
        Log.Information("Promoted {Source} to {Target} as {Tags}", source.Reference, result.Reference, string.Join(", ", result.Tags));
        PublishedImage.Report(this, image, $"promoted to {result.Reference} as {string.Join(", ", result.Tags)}");
    }
}
