using Slipway.Components.Catalog;
using Slipway.Components.Destination;
using Slipway.Processes;
using Serilog;
using Slipway.Components.Images;
using Slipway.Components.Versioning;

namespace Slipway.Components.Registry;

/// <summary>
/// Pushes each scanned image under its tags to its destination repository (<c>--registry</c>, else the CI's own registry), logged
/// in once for the whole build; refuses to move an existing version tag, retries transient registry failures, reads
/// every tag back to compare digests, and records <c>repository@digest</c> in the image's record for the deploy
/// step. A pull or merge request pipeline builds and scans but pushes nothing, unless <see cref="ITag.PushPullRequests"/>.
/// </summary>
public interface IPush : ITag
{
    /// <summary>
    /// The repositories Push pushes to (one per selected image, comma-separated), resolved once: <c>--registry</c> plus the image's name, else <c>ghcr.io/&lt;owner&gt;</c>
    /// on GitHub Actions and <c>CI_REGISTRY_IMAGE</c> on GitLab CI. Checked before the first target runs, with, on GitLab CI,
    /// a login for a registry other than the project's own.
    /// </summary>
    string PushRepository => string.Join(", ", ImagesToPublish.Select(image =>
        RegistryDestination.Require(ContainerSession.Destination(this, image)).CheckedForCi(BuildEnvironment.Of(this), PushesImage).Repository.ToString()));

    /// <summary>False for a pull or merge request pipeline (without <see cref="ITag.PushPullRequests"/>): it builds and scans, and pushes nothing.</summary>
    bool PushesImage => PushPolicies.Of(this).Push;

    /// <summary>Edits each <c>docker push</c> (one per tag) before it runs. Returns it unchanged by default.</summary>
    /// <example><c>DockerPushSettings IPush.ConfigurePush(DockerPushSettings s) => s with { DisableContentTrust = true };</c></example>
    DockerPushSettings ConfigurePush(DockerPushSettings settings) => settings;

    /// <summary>Pushes the tagged image and verifies every tag's digest in the registry.</summary>
    Target Push => _ => _
        .Description("Pushes the scanned image under its tags and verifies each tag's digest in the registry")
        .DependsOn<ITag>(x => x.Tag)
        // Evaluated before the first target runs: a missing or malformed destination, and a fork's request with
        // --push-pull-requests, stop the build there (their exceptions name the problem), not after the tests.
        .Validates(() => PushRepository)
        .Validates(() => PushesImage)
        .Executes(async () =>
        {
            var policy = PushPolicies.Of(this);
            if (!policy.Push)
            {
                Log.Information("{Note}", policy.Note);
                ReportSummary(policy.Note!);
                Host.AppendSummary(policy.Note!);
                return;
            }
            foreach (var image in ImagesToPublish)
            {
                var record = ImageRecord.Read(image.RecordFile)
                    ?? throw new BuildFailedException($"{image.RecordFile} does not exist, so there is no image to push. Run DockerBuild and TrivyScan first.");
                var admission = record.Admission is { } a && a.ImageId == record.ImageId
                    ? a
                    : throw new BuildFailedException($"The image {record.ImageId} in {image.RecordFile} was not admitted by Tag (the scan gate and the tag check): nothing was pushed. Run Tag first.");
                var result = await PushRun.RunAsync(this, image, record, admission, policy);
                if (policy.Note is not null) ReportSummary(image, policy.Note);
                if (result.Waiver is not null) ReportSummary(image, result.Waiver);
            }
        });
}

/// <summary>One push of an admitted record to the destination, as the Push target and the merge of platform jobs run it.</summary>
internal static class PushRun
{
    /// <summary>Pushes (or tags in the registry) what Tag admitted of <paramref name="image"/> to its repository, writes its record and reports the reference and notes.</summary>
    public static async Task<PushResult> RunAsync(IPush build, ContainerImage image, ImageRecord record, TagAdmission admission, PushPolicy policy)
    {
        var admitted = admission.Tags.Select(t => new ImageTag(t)).ToList();
        var version = await build.VersionAsync;
        var destination = RegistryDestination.Require(ContainerSession.Destination(build, image));
        var request = new PushRequest
        {
            Record = record,
            Repository = destination.Repository,
            Tags = policy.PrereleaseOnly ? [.. admitted.Where(t => !t.Value.StartsWith("sha-", StringComparison.Ordinal))] : admitted,
            Credentials = destination.Credentials,
            Admission = admission,
            Version = version.SemVer,
            Commit = version.Sha,
        };
        var docker = await ContainerSession.DockerAsync(build);
        using var registry = new RegistryClient();
        var result = await new Pusher(new DockerImageCommands(docker, destination.Credentials?.Describe() ?? "no credentials (Docker's stored login)") { ConfigurePush = build.ConfigurePush }, registry, RetrySettings.Default)
            .PushAsync(request, BuildCancellation.Token);
        result.Record.Write(image.RecordFile);
        build.ReportSummary(image, result.Record.Reference!);
        foreach (var note in result.Notes) build.ReportSummary(image, note);
        return result;
    }
}
