using Serilog;
using Slipway.Components.Catalog;
using Slipway.Components.Destination;
using Slipway.Components.Images;
using Slipway.Components.Registry;
using Slipway.Components.Scanning;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.ImageJobs;

/// <summary>What the image-split publish's targets do: push one image by digest, and admit the set of images that Push tags.</summary>
internal static class ImageJob
{
    private const string HandOverRecord = "image.json";
    private const string HandOverSbom = "sbom.cdx.json";

    /// <summary>Pushes this job's scanned image by digest and leaves the hand-over in <c>artifacts/image-jobs/&lt;name&gt;/</c>.</summary>
    public static async Task PushAsync(IPublishImageJobs build)
    {
        var image = build.SelectedImage;
        var record = ImageRecord.Read(image.RecordFile)
            ?? throw new BuildFailedException($"{image.RecordFile.RelativeTo(build.RootDirectory)} does not exist, so there is no image to push. Run DockerBuild and TrivyScan first.");
        var waiver = ScanGate.Admit(record, build.AllowUnscanned).WaiverOrThrow("Nothing was pushed.");
        var policy = PushPolicies.Of(build);
        if (!policy.Push)
        {
            Log.Information("{Note}", policy.Note);
            build.ReportSummary(image, policy.Note!);
            return;
        }
        var destination = RegistryDestination.Require(ContainerSession.Destination(build, image));
        var docker = await ContainerSession.DockerAsync(build);
        var version = await build.VersionAsync;
        await new DockerImageCommands(docker).CheckRevisionAsync(record.ImageId,
            ImageRevision.Of(version.Sha, (await build.UncommittedFilesOf(image)).Count > 0), BuildCancellation.Token);

        using var registry = new RegistryClient(timeout: TimeSpan.FromMinutes(10));
        var pusher = new DigestPusher(registry, RetrySettings.Default, destination.Repository, destination.Credentials);
        var digest = record.Platforms is { Count: > 0 }
            ? await pusher.PushAsync(new Platforms.OciLayout(ImageBuildRequest.LayoutDirectoryOf(build.TemporaryDirectory)), record.ImageId, BuildCancellation.Token)
            : await pusher.PushLocalAsync(docker, record.LocalReference ?? record.ImageId, build.TemporaryDirectory / "image-jobs" / image.Name, BuildCancellation.Token);
        // Admitted by its gate under no tag, and pushed by digest only: the record has no tags (the final job tags the set).
        var pushed = record.Admitted([], waiver).Pushed(destination.Repository.ToString(), digest, tags: null, alreadyPublished: false, version.SemVer, version.Sha);
        pushed.Write(image.RecordFile);
        var handOver = build.ImageJobDirectory / image.Name;
        pushed.Write(handOver / HandOverRecord);
        if (build.SbomFileOf(image).FileExists()) File.Copy(build.SbomFileOf(image), handOver / HandOverSbom, overwrite: true);
        build.ReportSummary(image, $"{pushed.Reference}, by digest for the final job (PublishSet)");
        if (waiver is not null) build.ReportSummary(image, waiver);
    }

    /// <summary>
    /// Checks that each selected image has one image job record (pushed here by digest to its repository, admitted by its
    /// scan gate, built from this commit, in the registry as recorded), then records each as admitted under the version's
    /// tags: Push tags it, Sign signs it. Any problem with any image stops it before a record is written.
    /// </summary>
    public static async Task AdmitAsync(IPublishImageJobs build)
    {
        if (PushPolicies.Of(build) is { Push: false } policy)
        {
            Log.Information("Nothing is released: {Note}", policy.Note);
            return;
        }
        var records = RecordFiles(build).Select(f => (File: f, Record: ImageRecord.Read(f))).ToList();
        var revision = ImageRevision.Of((await build.VersionAsync).Sha, dirty: false);
        var problems = new List<string>();
        var admitted = new List<(ContainerImage Image, ImageRecord Record, string? Waiver, AbsolutePath File)>();
        using var registry = new RegistryClient();
        foreach (var image in build.ImagesToPublish)
        {
            var destination = RegistryDestination.Require(ContainerSession.Destination(build, image));
            var repository = destination.Repository;
            var found = records.Where(r => r.Record?.Repository == repository.ToString()).ToList();
            if (found is not [var only])
            {
                problems.Add(found.Count == 0
                    ? $"{image.Name}: no image job record pushed it to {repository} (run PublishImage --images {image.Name} and hand over its artifacts/image-jobs/)."
                    : $"{image.Name}: {found.Count} records push it to {repository}: {string.Join(", ", found.Select(f => f.File.RelativeTo(build.RootDirectory)))}.");
                continue;
            }
            var (file, record) = (only.File, only.Record!);
            var gate = ScanGate.Admit(record, build.AllowUnscanned);
            if (!gate.Admitted)
            {
                problems.Add($"{image.Name}: {gate.Reason}");
                continue;
            }
            if (record.Digest is not { } digest || record.Tags is { Count: > 0 })
            {
                problems.Add($"{image.Name} ({file.RelativeTo(build.RootDirectory)}) was not pushed by digest by PublishImage (it records {record.Reference ?? "no push"}).");
                continue;
            }
            if (record.Revision != revision)
            {
                problems.Add($"{image.Name} was built from {record.Revision ?? "an unknown revision"}, but this job releases {revision}.");
                continue;
            }
            var remote = await RegistryRetry.RunAsync($"Image {repository}@{digest}", RetrySettings.Default,
                ct => registry.GetImageAsync(repository, digest, destination.Credentials, ct), BuildCancellation.Token);
            if (remote?.Label(OciLabels.Revision) != revision)
            {
                problems.Add(remote is null
                    ? $"{repository}@{digest} ({image.Name}) is not in the registry."
                    : $"{repository}@{digest} ({image.Name}) is labelled with revision {remote.Label(OciLabels.Revision) ?? "(none)"}, not {revision}.");
                continue;
            }
            admitted.Add((image, record, gate.Waiver, file));
        }
        foreach (var (file, record) in records.Where(r => r.Record is null))
            problems.Add($"{file.RelativeTo(build.RootDirectory)} is not an image record.");
        if (problems.Count > 0)
        {
            throw new BuildFailedException(
                "The images cannot be released as one set, so nothing was tagged:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p)) + Environment.NewLine +
                "Run PublishImage --images <name> for each image of this commit (each pushes by digest and writes artifacts/image-jobs/<name>/image.json), " +
                "hand their artifacts/image-jobs/ to this job, and run PublishSet again.");
        }

        foreach (var (image, record, waiver, file) in admitted)
        {
            var tags = await build.TagsOf(image);
            record.Admitted([.. tags.Select(t => t.Value)], waiver).Write(image.RecordFile);
            var sbom = (file.Parent ?? build.RootDirectory) / HandOverSbom;
            if (sbom.FileExists() && !build.SbomFileOf(image).FileExists())
                File.Copy(sbom, build.SbomFileOf(image).Parent!.CreateDirectory() / build.SbomFileOf(image).Name);
            build.ReportSummary(image, $"{record.Repository}@{record.Digest![..19]}: scanned by its job, for Push to tag {string.Join(", ", tags)}");
        }
    }

    private static IReadOnlyList<AbsolutePath> RecordFiles(IPublishImageJobs build)
    {
        if (build.ImageJobRecords.Length > 0)
            return [.. build.ImageJobRecords.Select(f => Path.IsPathRooted(f) ? AbsolutePath.Create(f) : build.RootDirectory / f)];
        var directory = build.ImageJobDirectory;
        var found = directory.DirectoryExists()
            ? Directory.GetDirectories(directory).Order(StringComparer.Ordinal).Select(d => AbsolutePath.Create(d) / HandOverRecord).Where(f => f.FileExists()).ToList()
            : [];
        if (found.Count == 0)
        {
            throw new BuildFailedException(
                $"There are no image job records in {directory.RelativeTo(build.RootDirectory)}/*/{HandOverRecord}, so there is nothing to release and nothing was tagged. " +
                "Download the PublishImage jobs' artifacts/image-jobs/ into this job (or pass --image-job-records <image.json>...).");
        }
        return found;
    }
}
