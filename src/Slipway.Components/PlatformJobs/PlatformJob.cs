using Serilog;
using Slipway.Components.Destination;
using Slipway.Components.Images;
using Slipway.Components.Platforms;
using Slipway.Components.Registry;
using Slipway.Components.Scanning;
using Slipway.IO;
using Slipway.Processes;

namespace Slipway.Components.PlatformJobs;

/// <summary>What the split publish's targets do: push one platform by digest, and merge the platforms into the index that Push tags.</summary>
internal static class PlatformJob
{
    private const string HandOverRecord = "image.json";
    private const string HandOverSbom = "sbom.cdx.json";

    /// <summary>Pushes this job's scanned platform image by digest and leaves the hand-over in <c>artifacts/platforms/&lt;os-arch&gt;/</c>.</summary>
    public static async Task PushAsync(IPublishPlatforms build)
    {
        var record = ImageRecord.Read(build.ImageRecordFile)
            ?? throw new BuildFailedException($"{build.ImageRecordFile} does not exist, so there is no image to push. Run DockerBuild and TrivyScan first.");
        var waiver = ScanGate.Admit(record, build.AllowUnscanned).WaiverOrThrow("Nothing was tagged or pushed.");
        var image = record.Platforms is [var only] && only.Platform == build.JobPlatform ? only : throw new BuildFailedException(
            $"{build.ImageRecordFile} does not hold one {build.JobPlatform} image. Run DockerBuild with --platforms {build.JobPlatform} again; nothing was pushed.");
        var policy = PushPolicies.Of(build);
        if (!policy.Push)
        {
            Log.Information("{Note}", policy.Note);
            build.ReportSummary(policy.Note!);
            return;
        }
        var destination = RegistryDestination.Require(ContainerSession.Destination(build));
        var docker = new DockerImageCommands(await ContainerSession.DockerAsync(build));
        var version = await build.VersionAsync;
        await docker.CheckRevisionAsync(record.ImageId, ImageRevision.Of(version.Sha, (await build.UncommittedFilesAsync).Count > 0), BuildCancellation.Token);

        var layout = new OciLayout(ImageBuildRequest.LayoutDirectoryOf(build.TemporaryDirectory));
        using var registry = new RegistryClient(timeout: TimeSpan.FromMinutes(10));
        var digest = await new PlatformPusher(registry, RetrySettings.Default).PushAsync(layout, image, destination.Repository, destination.Credentials, BuildCancellation.Token);
        // Admitted by the gate under no tag, and pushed by digest only: the record has no tags (the merge job tags the index).
        var pushed = record.Admitted([], waiver).Pushed(destination.Repository.ToString(), digest, tags: null, alreadyPublished: false, version.SemVer, version.Sha);
        pushed.Write(build.ImageRecordFile);
        var handOver = build.PlatformRecordDirectory / TargetPlatforms.Slug(image.Platform);
        pushed.Write(handOver / HandOverRecord);
        if (build.SbomFile.FileExists()) File.Copy(build.SbomFile, handOver / HandOverSbom, overwrite: true);
        build.ReportSummary($"{image.Platform}: {pushed.Reference}, by digest for the merge job (PublishIndex)");
        if (waiver is not null) build.ReportSummary(waiver);
    }

    /// <summary>
    /// Checks every platform record (pushed here by digest, scan passed for that image, built from this commit, in the
    /// registry as recorded, each platform once, the <c>--platforms</c> if given), then puts the index in the registry and
    /// records it in <c>artifacts/image.json</c>, admitted under the version's tags: Push tags it, Sign signs it. Any
    /// problem stops the merge before anything is written to the registry.
    /// </summary>
    public static async Task MergeAsync(IPublishPlatforms build)
    {
        if (PushPolicies.Of(build) is { Push: false } policy)
        {
            Log.Information("Nothing is merged: {Note}", policy.Note);
            return;
        }
        var files = RecordFiles(build);
        var destination = RegistryDestination.Require(ContainerSession.Destination(build));
        var repository = destination.Repository;
        var revision = ImageRevision.Of((await build.VersionAsync).Sha, (await build.UncommittedFilesAsync).Count > 0);
        var problems = new List<string>();
        var platforms = new List<(ImageRecord Record, PlatformImage Image, RegistryManifest Manifest, string? Waiver, AbsolutePath File)>();
        using var registry = new RegistryClient();
        foreach (var file in files)
        {
            var name = file.RelativeTo(build.RootDirectory);
            var record = ImageRecord.Read(file);
            if (record?.Platforms is not [var image])
            {
                problems.Add($"{name} is not the record of one platform image (run PublishPlatform --platforms <os/arch>).");
                continue;
            }
            if (record.Digest != image.Digest || record.Repository != repository.ToString())
            {
                problems.Add($"{image.Platform} ({name}) was not pushed to {repository} by PublishPlatform (it records {record.Reference ?? "no push"}).");
                continue;
            }
            var gate = ScanGate.Admit(record, build.AllowUnscanned);
            if (!gate.Admitted)
            {
                problems.Add($"{image.Platform}: {gate.Reason}");
                continue;
            }
            if (record.Revision != revision)
            {
                problems.Add($"{image.Platform} was built from {record.Revision ?? "an unknown revision"}, but this merge publishes {revision}.");
                continue;
            }
            var manifest = await RegistryRetry.RunAsync($"Manifest of {repository}@{image.Digest}", RetrySettings.Default,
                ct => registry.GetManifestAsync(repository, image.Digest, destination.Credentials, ct), BuildCancellation.Token);
            var remote = manifest is null ? null : await RegistryRetry.RunAsync($"Image {repository}@{image.Digest}", RetrySettings.Default,
                ct => registry.GetImageAsync(repository, image.Digest, destination.Credentials, ct), BuildCancellation.Token);
            if (manifest is null || remote?.ConfigDigest != image.ConfigDigest)
            {
                problems.Add($"{repository}@{image.Digest} ({image.Platform}) is {(manifest is null ? "not in the registry" : "another image than the record says")}.");
                continue;
            }
            platforms.Add((record, image, manifest!, gate.Waiver, file));
        }
        foreach (var twice in platforms.GroupBy(p => p.Image.Platform).Where(g => g.Count() > 1))
            problems.Add($"{twice.Key} comes from {twice.Count()} records: {string.Join(", ", twice.Select(p => p.File.RelativeTo(build.RootDirectory)))}.");
        var wanted = build.ImagePlatforms.Values;
        var have = platforms.Select(p => p.Image.Platform).Distinct().ToList();
        if (wanted.Count > 0 && problems.Count == 0 && !have.Order(StringComparer.Ordinal).SequenceEqual(wanted.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            problems.Add($"--platforms is {string.Join(",", wanted)}, but the records are of {string.Join(",", have)}.");
        if (problems.Count > 0)
        {
            throw new BuildFailedException(
                "The platform images cannot be merged, so no index was written and nothing was tagged:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p)) + Environment.NewLine +
                "Run PublishPlatform for each platform of this commit (they push by digest and write artifacts/platforms/<os-arch>/image.json), " +
                "hand their artifacts/platforms/ to this job, and run PublishIndex again.");
        }

        var order = wanted.Count > 0 ? wanted : TargetPlatforms.Accepted;
        var ordered = platforms.OrderBy(p => Rank(order, p.Image.Platform)).ThenBy(p => p.Image.Platform, StringComparer.Ordinal).ToList();
        var (body, digest) = ImageIndex.Write([.. ordered.Select(p => (p.Image, (long)p.Manifest.Body.Length, p.Manifest.MediaType))]);
        var stored = await RegistryRetry.RunAsync($"Index {repository}@{digest}", RetrySettings.Default,
            ct => registry.PutManifestAsync(repository, digest, new RegistryManifest(digest, ImageIndex.MediaType, body), destination.Credentials, ct), BuildCancellation.Token);
        if (stored != digest) throw new BuildFailedException($"{repository} stored the index as {stored}, not {digest}. Check the registry; nothing was tagged.");
        Log.Information("Merged {Platforms} into the index {Repository}@{Digest}", string.Join(", ", ordered.Select(p => p.Image.Platform)), repository, digest);

        var waivers = ordered.Select(p => p.Waiver).OfType<string>().ToList();
        var tags = await build.TagsAsync;
        ImageRecord.MergedIndex(digest, repository.ToString(), [.. ordered.Select(p => p.Record)])
            .Admitted([.. tags.Select(t => t.Value)], waivers.Count > 0 ? string.Join(" ", waivers) : null)
            .Write(build.ImageRecordFile);
        build.ReportSummary($"{repository}@{digest[..19]}: the index of {string.Join(", ", ordered.Select(p => p.Image.Platform))}, for Push to tag {string.Join(", ", tags)}");

        var sbom = ordered.Select(p => (p.File.Parent ?? build.RootDirectory) / HandOverSbom).FirstOrDefault(f => f.FileExists());
        if (sbom is not null && !build.SbomFile.FileExists()) File.Copy(sbom, build.SbomDirectory.CreateDirectory() / build.SbomFile.Name);
    }

    private static int Rank(IReadOnlyList<string> order, string platform)
    {
        var i = order.ToList().IndexOf(platform);
        return i < 0 ? int.MaxValue : i;
    }

    private static IReadOnlyList<AbsolutePath> RecordFiles(IPublishPlatforms build)
    {
        if (build.PlatformRecords.Length > 0)
            return [.. build.PlatformRecords.Select(f => Path.IsPathRooted(f) ? AbsolutePath.Create(f) : build.RootDirectory / f)];
        var directory = build.PlatformRecordDirectory;
        var found = directory.DirectoryExists()
            ? Directory.GetDirectories(directory).Order(StringComparer.Ordinal).Select(d => AbsolutePath.Create(d) / HandOverRecord).Where(f => f.FileExists()).ToList()
            : [];
        if (found.Count == 0)
        {
            throw new BuildFailedException(
                $"There are no platform records in {directory.RelativeTo(build.RootDirectory)}/*/{HandOverRecord}, so there is nothing to merge and nothing was tagged. " +
                "Download the PublishPlatform jobs' artifacts/platforms/ into this job (or pass --platform-records <image.json>...).");
        }
        return found;
    }
}
