using Slipway.Components.References;
using Slipway.Components.Registry;
using System.Text.Json;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Tests.Registry;
using Slipway.IO;
using Slipway.Processes;
using Slipway.Templates.Tests.Infrastructure;

namespace Slipway.Templates.Tests;

/// <summary>
/// What a tag holds on re-runs, cold rebuilds, shared engines, dirty trees, hotfixes and pushes that died halfway:
/// <c>./build.sh Publish</c> of copies of the published service (v1.4.2), with CI checkouts laid out as the runners do.
/// </summary>
[Collection(GeneratedServiceCollection.Name)]
public sealed class ReleaseIntegrityTests(GeneratedService service)
{
    private string Repository => $"{service.Registry}/acme-orders";

    private static string ShortSha(string commit) => "sha-" + commit[..7];

    private static void Change(AbsolutePath repository, string file = "src/Acme.Orders/Program.cs") =>
        File.AppendAllText(repository / file, $"{Environment.NewLine}// changed by a test {Guid.NewGuid()}{Environment.NewLine}");

    private static void CommitChange(AbsolutePath repository, string branch)
    {
        Commands.Git(repository, "checkout", "--quiet", "-b", branch);
        Change(repository);
        Commands.Git(repository, "commit", "--quiet", "--all", "--message", $"Change on {branch}");
    }

    [SkippableFact]
    public void Rerun_of_a_published_tag_on_GitHub_pushes_nothing_and_says_already_published()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var digest = RegistryProbe.Digest(service.ImageRepository, "1.4.2");
        var before = RemoteImages.Tags(Repository);
        var copy = service.Copy("rerun");
        var ci = CiCheckout.GitHubTagPush(copy, CiCheckout.BareOrigin(copy), "v1.4.2", runAttempt: 2);

        // --allow-dirty on a clean tree changes nothing.
        var run = service.PublishImage(copy, ["--allow-dirty"], ci.Environment);

        Expect.Succeeded(run);
        var output = Commands.Text(run);
        Assert.Contains("already published", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Pushed ", output, StringComparison.Ordinal);
        Assert.Contains("already published", File.ReadAllText(ci.StepSummary!), StringComparison.Ordinal);
        Assert.Equal(before, RemoteImages.Tags(Repository));
        Assert.Equal(digest, RegistryProbe.Digest(service.ImageRepository, "1.4.2"));
        using var record = JsonDocument.Parse(File.ReadAllText(copy / "artifacts" / "image.json"));
        Assert.Equal(digest, record.RootElement.GetProperty("digest").GetString());
        Assert.True(record.RootElement.GetProperty("alreadyPublished").GetBoolean());
    }

    [SkippableFact]
    public void Cold_builds_of_the_published_commit_in_two_checkouts_give_its_published_digest()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var published = RegistryProbe.Digest(service.ImageRepository, "1.4.2");
        var first = service.Copy("cold-1");
        Thread.Sleep(TimeSpan.FromSeconds(1.1)); // the second checkout's files are younger
        var second = service.Copy("cold-2");
        foreach (var file in Directory.EnumerateFiles(second / "src", "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow);

        var digests = new List<string>();
        foreach (var copy in new[] { first, second })
        {
            var run = service.Publish(copy, ["DockerBuild", "--no-build-cache"]);
            Expect.Succeeded(run);
            Assert.Contains("--no-cache", Commands.Text(run), StringComparison.Ordinal);
            using var record = JsonDocument.Parse(File.ReadAllText(copy / "artifacts" / "image.json"));
            digests.Add(record.RootElement.GetProperty("imageId").GetString()!);
        }

        Assert.Equal(published, digests[0]);
        Assert.Equal(published, digests[1]);
    }

    [SkippableFact]
    public void Two_branches_and_another_service_published_at_once_on_one_engine_each_push_their_own_image()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var a = service.Copy("concurrent-a");
        CommitChange(a, "feature/a");
        var b = service.Copy("concurrent-b");
        CommitChange(b, "feature/b");
        var other = service.Copy("concurrent-service");
        CommitChange(other, "feature/billing");
        var otherRepository = $"{service.Registry}/acme-billing";

        var runs = new[]
        {
            Task.Run(() => service.PublishImage(a)),
            Task.Run(() => service.PublishImage(b)),
            Task.Run(() => service.PublishImage(other, ["--image", "acme-billing"])),
        };
        Task.WaitAll(runs);

        foreach (var run in runs) Expect.Succeeded(run.Result);
        foreach (var (copy, repository) in new[] { (a, Repository), (b, Repository), (other, otherRepository) })
        {
            var commit = Commands.Git(copy, "rev-parse", "HEAD");
            using var record = JsonDocument.Parse(File.ReadAllText(copy / "artifacts" / "image.json"));
            var tags = record.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.Contains(ShortSha(commit), tags);
            foreach (var tag in tags) Assert.Equal(commit, RemoteImages.Revision(repository, tag));
        }
        Assert.Equal("acme-billing", RemoteImages.Get(otherRepository, ShortSha(Commands.Git(other, "rev-parse", "HEAD")))!.Label("org.opencontainers.image.title"));
    }

    [SkippableFact]
    public void Uncommitted_change_under_src_is_refused_before_building_and_allow_dirty_pushes_only_a_dirty_sha_tag()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var copy = service.Copy("dirty");
        Change(copy);
        Change(copy, "README.md"); // outside the build context (.dockerignore): does not count
        var before = RemoteImages.Tags(Repository);

        var refused = service.Publish(copy);

        var output = Commands.Text(refused);
        Assert.True(refused.ExitCode != 0, output);
        Assert.Contains("uncommitted file(s): src/Acme.Orders/Program.cs.", output, StringComparison.Ordinal);
        Assert.Contains("--allow-dirty", output, StringComparison.Ordinal);
        Assert.Matches(@"DockerBuild\s+NotRun", output);
        Assert.Matches(@"Restore\s+NotRun", output);
        Assert.Equal(before, RemoteImages.Tags(Repository));

        var allowed = service.PublishImage(copy, ["--allow-dirty"]);

        Expect.Succeeded(allowed);
        var added = RemoteImages.Tags(Repository).Except(before).ToList();
        Assert.Equal([ShortSha(service.Commit) + "-dirty"], added);
        Assert.Equal(service.Commit + "-dirty", RemoteImages.Revision(Repository, added[0]));
    }

    [SkippableFact]
    public void Hotfix_on_a_support_branch_in_GitLab_moves_its_minor_tag_and_keeps_the_major_on_the_newest_release()
    {
        Expect.Docker();
        Expect.Succeeded(service.FirstPublish!);
        var newest = RegistryProbe.Digest(service.ImageRepository, "1.4.2");
        var copy = service.Copy("hotfix");
        CommitChange(copy, "support/1.3");
        Commands.Git(copy, "tag", "v1.3.9");
        var hotfix = Commands.Git(copy, "rev-parse", "HEAD");
        var ci = CiCheckout.GitLabBranchPipeline(copy, CiCheckout.BareOrigin(copy), "support/1.3");
        var before = RemoteImages.Tags(Repository);

        var run = service.PublishImage(copy, environment: ci.Environment);

        Expect.Succeeded(run);
        var added = RemoteImages.Tags(Repository).Except(before).ToHashSet();
        Assert.Superset(new HashSet<string> { "1.3.9", "1.3", ShortSha(hotfix) }, added);
        Assert.DoesNotContain("1", added);
        Assert.Equal(hotfix, RemoteImages.Revision(Repository, "1.3"));
        Assert.Equal(newest, RegistryProbe.Digest(service.ImageRepository, "1"));
        Assert.Contains("kept 1 on 1.4.2", Commands.Text(run), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Rerun_after_a_push_that_died_halfway_completes_with_every_tag_on_one_digest()
    {
        Expect.Docker();
        Skip.IfNot(OwnRegistry.Installed, "docker-registry is not installed (tests/infra/container-env.sh installs it)");
        Expect.Succeeded(service.FirstPublish!);
        using var registry = new OwnRegistry();
        registry.Start();
        var namespaced = $"{registry.Host}/halfway";
        var copy = service.Copy("halfway");
        // The registry goes away the moment it has stored the first tag, before the next tag's push reaches it.
        using var stopWatching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stopWatching.IsCancellationRequested && !registry.HasTag("halfway/acme-orders", "1.4.2")) await Task.Delay(2);
            if (!stopWatching.IsCancellationRequested) registry.Stop();
        });

        var died = service.PublishImage(copy, ["--registry", namespaced]);
        stopWatching.Cancel();
        await watcher;

        Assert.True(died.ExitCode != 0, Commands.Text(died));
        registry.Start();
        var partial = RemoteImages.Tags($"{namespaced}/acme-orders");
        Assert.Contains("1.4.2", partial);
        Assert.NotEqual(4, partial.Count);
        // A registry killed in the middle of an index push may list 1.4.2 before it serves it, or serve under it one
        // platform's image alone (docker pushes the platform manifests under the tag too, side by side): then the re-run
        // pushes the index again; when 1.4.2 is the whole index, the re-run recognises it.
        RemoteImage? served = null;
        try
        {
            served = RemoteImages.Get($"{namespaced}/acme-orders", "1.4.2");
        }
        catch (Exception ex) when (ex is BuildFailedException or TransientRegistryException)
        {
            // listed, not served
        }

        var rerun = service.PublishImage(copy, ["--registry", namespaced]);

        Expect.Succeeded(rerun);
        var tags = RemoteImages.Tags($"{namespaced}/acme-orders");
        Assert.Equal(new HashSet<string> { "1.4.2", "1.4", "1", ShortSha(service.Commit) }, tags);
        var index = Assert.Single(tags.Select(t => RemoteImages.Get($"{namespaced}/acme-orders", t)!).DistinctBy(i => i.ManifestDigest));
        Assert.True(index.IsIndex, $"the release is {index.ManifestDigest}, one platform's image, not the index");
        var expected = served is { IsIndex: true } ? "already published" : $"Pushed {namespaced}/acme-orders@";
        Assert.True(Commands.Text(rerun).Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in the re-run's log:\n{Commands.Text(rerun)}");
    }
}
