using Slipway.Components.Images;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Registry;

/// <summary>
/// Pushes the scanned image under its tags: logs in (with the CI service's credentials by default), refuses to move an
/// existing version tag, retries transient registry failures, reads every tag back to compare digests, and records
/// <c>repository@digest</c> in <c>artifacts/image.json</c> for the deploy step.
/// </summary>
public interface IPush : ITag
{
    /// <summary>The registry user name. On CI it defaults to <c>GITHUB_ACTOR</c> (ghcr.io) or <c>CI_REGISTRY_USER</c> (GitLab).</summary>
    [Parameter("Registry user name (default on CI: GITHUB_ACTOR for ghcr.io, CI_REGISTRY_USER on GitLab)")]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    /// <summary>The registry password or token. On CI it defaults to <c>GITHUB_TOKEN</c> (ghcr.io) or <c>CI_REGISTRY_PASSWORD</c> (GitLab).</summary>
    [Parameter("Registry password or token (default on CI: GITHUB_TOKEN for ghcr.io, CI_REGISTRY_PASSWORD on GitLab)")]
    [Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    /// <summary>Pushes the tagged image and verifies every tag's digest in the registry.</summary>
    Target Push => _ => _
        .Description("Pushes the scanned image under its tags and verifies each tag's digest in the registry")
        .DependsOn<ITag>(x => x.Tag)
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile)
                ?? throw new BuildFailedException($"{ImageRecordFile} does not exist, so there is no image to push. Run DockerBuild and TrivyScan first.");
            var environment = BuildEnvironment.Of(this);
            var repository = PushTarget.Repository(Registry, Image, environment);
            var request = new PushRequest
            {
                Record = record,
                Repository = repository,
                Tags = Tags,
                Credentials = RegistryCredentials.Resolve(repository, RegistryUsername, RegistryPassword, environment),
                AllowUnscanned = AllowUnscanned,
                Version = Version.SemVer,
                Commit = Version.Sha,
            };
            using var registry = new RegistryClient();
            var result = await new Pusher(new DockerPushCommands(), registry, RetrySettings.Default).PushAsync(request, BuildCancellation.Token);
            result.Record.Write(ImageRecordFile);
            ReportSummary(result.Record.Reference!);
            foreach (var note in result.Notes) ReportSummary(note);
            if (result.Waiver is not null) ReportSummary(result.Waiver);
        });
}
