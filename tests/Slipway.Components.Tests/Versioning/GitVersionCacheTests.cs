using System.Text.RegularExpressions;
using Slipway.Components.Versioning;
using Slipway.Processes;

namespace Slipway.Components.Tests.Versioning;

/// <summary>GitVersion's output kept between runs: reused for the same inputs, recomputed when any of them changes (real git).</summary>
public sealed class GitVersionCacheTests : IDisposable
{
    private static readonly ToolCommand s_command = Tool.Of("gitversion-stand-in").WithArguments(["/output", "json"]);

    private readonly string _cache = Directory.CreateTempSubdirectory("slipway-gv-cache-").FullName;
    private TempGitRepository? _tagged;

    public void Dispose()
    {
        _tagged?.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    /// <summary>A repository with one commit tagged 1.2.3 (skips the test when git is missing).</summary>
    private TempGitRepository Repository
    {
        get
        {
            if (_tagged is not null) return _tagged;
            Skip.IfNot(TempGitRepository.GitAvailable, "git is not installed");
            _tagged = TempGitRepository.Create();
            _tagged.Commit("first");
            _tagged.Git("tag", "1.2.3");
            return _tagged;
        }
    }

    private Task<string?> Key(ToolCommand? command = null) => GitVersionCache.KeyAsync(Repository.Path, command ?? s_command);

    [SkippableFact]
    public async Task The_same_checkout_has_the_same_key_even_with_uncommitted_changes()
    {
        var before = await Key();
        File.WriteAllText(Path.Combine(Repository.Path, "scratch.txt"), "not committed");

        Assert.NotNull(before);
        Assert.Equal(before, await Key());
    }

    [SkippableTheory]
    [InlineData("tag")]
    [InlineData("commit")]
    [InlineData("branch")]
    [InlineData("configuration")]
    [InlineData("remote")]
    public async Task Every_input_of_GitVersion_changes_the_key(string change)
    {
        var before = await Key();

        switch (change)
        {
            case "tag": Repository.Git("tag", "2.0.0"); break;
            case "commit": Repository.Commit("second"); break;
            case "branch": Repository.Git("switch", "-q", "-c", "feature/x"); break; // same commit, another branch
            case "configuration": File.WriteAllText(Path.Combine(Repository.Path, "GitVersion.yml"), "next-version: 3.0.0\n"); break;
            case "remote": Repository.Git("remote", "add", "origin", "https://example.invalid/acme.git"); break;
        }

        Assert.NotEqual(before, await Key());
    }

    [SkippableFact]
    public async Task The_variables_GitVersion_reads_and_its_release_are_part_of_the_key()
    {
        var plain = await Key();

        Assert.NotEqual(plain, await Key(s_command.WithEnvironment("GITHUB_REF", "refs/heads/main")));
        Assert.NotEqual(plain, await Key(s_command.WithArguments(["/other/gitversion.dll", "/output", "json"])));
    }

    [Fact]
    public void An_entry_is_read_back_only_under_its_own_key()
    {
        GitVersionCache.Write(_cache, "key-a", "{ \"Major\": 1 }");
        GitVersionCache.Write(_cache, "key-b", "{ \"Major\": 2 }");

        Assert.Null(GitVersionCache.TryRead(_cache, "key-a"));
        Assert.Equal("{ \"Major\": 2 }", GitVersionCache.TryRead(_cache, "key-b"));
        Assert.Single(Directory.EnumerateFiles(_cache)); // no temporary file left behind
    }

    [SkippableFact]
    public async Task A_second_run_reuses_GitVersion_output_and_a_new_tag_is_seen()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        var environment = GitVersionIntegrationTests.LocalEnvironment();
        Task<BuildVersion> Compute() => GitVersionRunner.ComputeAsync(Repository.Path, environment, _ => null, _cache);

        Assert.Equal("1.2.3", (await Compute()).SemVer);
        // Mark the stored output: a second run that returns the mark did not start GitVersion again.
        var file = Directory.EnumerateFiles(_cache).Single();
        File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), "\"SemVer\":\\s*\"1\\.2\\.3\"", "\"SemVer\": \"1.2.3-from-cache\""));
        Assert.Equal("1.2.3-from-cache", (await Compute()).SemVer);

        Repository.Git("tag", "1.3.0");
        Assert.Equal("1.3.0", (await Compute()).SemVer);
    }

    [SkippableFact]
    public async Task A_shallow_clone_is_refused_with_a_cache_as_without()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        var environment = GitVersionIntegrationTests.LocalEnvironment();
        Repository.Commit("second");
        using var clone = Repository.ShallowClone();

        for (var run = 0; run < 2; run++)
        {
            var error = await Assert.ThrowsAsync<BuildFailedException>(() => GitVersionRunner.ComputeAsync(clone.Path, environment, _ => null, _cache));
            Assert.Contains("shallow clone", error.Message, StringComparison.Ordinal);
        }
        Assert.Empty(Directory.EnumerateFiles(_cache));
    }
}
