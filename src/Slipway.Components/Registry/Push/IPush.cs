using Slipway.Components.Destination;
using Slipway.Processes;
using Serilog;
using Slipway.Components.Images;
using Slipway.Components.Versioning;

namespace Slipway.Components.Registry;

/// <summary>
/// Pushes the scanned image under its tags to the destination (<c>--registry</c>, else the CI's own registry), logged
/// in once for the whole build; refuses to move an existing version tag, retries transient registry failures, reads
/// every tag back to compare digests, and records <c>repository@digest</c> in <c>artifacts/image.json</c> for the deploy
/// step. A pull or merge request pipeline builds and scans but pushes nothing, unless <see cref="PushPullRequests"/>.
/// </summary>
public interface IPush : ITag
{
    /// <summary>Push the prerelease tag of a pull (merge) request from a branch of this repository; a fork's request fails.</summary>
    [Parameter("Push the prerelease tag of a pull/merge request from a branch of this repository (never a fork's)")]
    bool PushPullRequests => TryGetValue(() => PushPullRequests);

    /// <summary>
    /// The repository Push pushes to, resolved once: <c>--registry</c> plus <c>--image</c>, else <c>ghcr.io/&lt;owner&gt;</c>
    /// on GitHub Actions and <c>CI_REGISTRY_IMAGE</c> on GitLab CI. Checked before the first target runs, with, on GitLab CI,
    /// a login for a registry other than the project's own.
    /// </summary>
    string PushRepository => RegistryDestination.Require(ContainerSession.Destination(this)).CheckedForCi(BuildEnvironment.Of(this), PushesImage).Repository.ToString();

    /// <summary>False for a pull or merge request pipeline (without <see cref="PushPullRequests"/>): it builds and scans, and pushes nothing.</summary>
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
            var record = ImageRecord.Read(ImageRecordFile)
                ?? throw new BuildFailedException($"{ImageRecordFile} does not exist, so there is no image to push. Run DockerBuild and TrivyScan first.");
            var admission = record.Admission is { } a && a.ImageId == record.ImageId
                ? a
                : throw new BuildFailedException($"The image {record.ImageId} in {ImageRecordFile} was not admitted by Tag (the scan gate and the tag check): nothing was pushed. Run Tag first.");
            var result = await PushRun.RunAsync(this, record, admission, policy);
            if (policy.Note is not null) ReportSummary(policy.Note);
            if (result.Waiver is not null) ReportSummary(result.Waiver);
        });
}

/// <summary>One push of an admitted record to the destination, as the Push target and the merge of platform jobs run it.</summary>
internal static class PushRun
{
    /// <summary>Pushes (or tags in the registry) what Tag admitted, writes image.json and reports the reference and notes.</summary>
    public static async Task<PushResult> RunAsync(IPush build, ImageRecord record, TagAdmission admission, PushPolicy policy)
    {
        var admitted = admission.Tags.Select(t => new ImageTag(t)).ToList();
        var version = await build.VersionAsync;
        var destination = RegistryDestination.Require(ContainerSession.Destination(build));
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
        var result = await new Pusher(new DockerPushCommands(docker, destination.Credentials?.Describe() ?? "no credentials (Docker's stored login)") { ConfigurePush = build.ConfigurePush }, registry, RetrySettings.Default)
            .PushAsync(request, BuildCancellation.Token);
        result.Record.Write(build.ImageRecordFile);
        build.ReportSummary(result.Record.Reference!);
        foreach (var note in result.Notes) build.ReportSummary(note);
        return result;
    }
}

/// <summary>The push policy of each run, decided once (no tool runs: it reads the host and the parameters).</summary>
internal static class PushPolicies
{
    private static readonly PerBuild<PushPolicy> s_policies = new();

    public static PushPolicy Of(IPush build) =>
        s_policies.Get(build, () => PushPolicy.Decide(build.Host, BuildEnvironment.Of(build), build.PushPullRequests));
}
