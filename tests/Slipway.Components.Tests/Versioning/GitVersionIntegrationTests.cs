using Slipway.Components.Registry;
using Slipway.Components.Versioning;
using Slipway.Hosts;
using Slipway.Processes;

namespace Slipway.Components.Tests.Versioning;

/// <summary>GitVersion 6.8.2 (downloaded by this test project's PackageDownload) run on real repositories.</summary>
public class GitVersionIntegrationTests
{
    // The process environment without any CI service's variables, so GitVersion versions the test repository as a local checkout.
    internal static Dictionary<string, string> LocalEnvironment(params (string Name, string Value)[] extra)
    {
        var environment = Host.ReadEnvironment()
            .Where(e => e.Key is not ("GITHUB_ACTIONS" or "GITLAB_CI" or "TF_BUILD" or "TEAMCITY_VERSION" or "JENKINS_URL" or GitCheckout.BranchVariable))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        foreach (var (name, value) in extra) environment[name] = value;
        return environment;
    }

    internal static void SkipUnlessAvailable()
    {
        Skip.IfNot(TempGitRepository.GitAvailable, "git is not installed");
        Skip.IfNot(File.Exists(GitVersionTool.DllPath(LocalEnvironment())), "GitVersion.MsBuild 6.8.2 was not downloaded (restore the test project)");
    }

    private static Task<BuildVersion> Compute(TempGitRepository repository, params (string, string)[] environment) =>
        GitVersionRunner.ComputeAsync(repository.Path, LocalEnvironment(environment), _ => null);

    [SkippableFact]
    public async Task Version_comes_from_a_tag_on_main()
    {
        SkipUnlessAvailable();
        using var repository = TempGitRepository.Create();
        repository.Commit("first");
        repository.Git("tag", "1.2.3");

        var version = await Compute(repository);

        Assert.Equal("1.2.3", version.SemVer);
        Assert.False(version.IsPrerelease);
        Assert.Equal("main", version.BranchName);
        Assert.Equal(repository.Git("rev-parse", "HEAD"), version.Sha);
        Assert.Equal(["1.2.3", "1.2", "1", "sha-" + version.Sha![..7]], TagSet.For(version).Select(t => t.Value));
    }

    [SkippableFact]
    public async Task A_commit_after_the_tag_on_main_is_a_prerelease()
    {
        SkipUnlessAvailable();
        using var repository = TempGitRepository.Create();
        repository.Commit("first");
        repository.Git("tag", "1.2.3");
        repository.Commit("second");

        var version = await Compute(repository);

        Assert.True(version.IsPrerelease);
        Assert.StartsWith("1.2.4-", version.SemVer, StringComparison.Ordinal);
        Assert.DoesNotContain(TagSet.For(version), t => t.Value is "1.2" or "1" or "1.2.4");
    }

    [SkippableFact]
    public async Task Version_on_a_feature_branch_is_a_prerelease_named_after_the_branch()
    {
        SkipUnlessAvailable();
        using var repository = TempGitRepository.Create();
        repository.Commit("first");
        repository.Git("tag", "1.2.3");
        repository.Git("switch", "-q", "-c", "feature/Login+SSO");
        repository.Commit("feature work");

        var version = await Compute(repository);

        Assert.True(version.IsPrerelease);
        Assert.Equal("feature/Login+SSO", version.BranchName);
        Assert.Contains("Login-SSO", version.SemVer, StringComparison.Ordinal);
        var tags = TagSet.For(version).Select(t => t.Value).ToList();
        Assert.Equal(2, tags.Count);
        Assert.Matches("^1\\.2\\.4-login-sso\\.1-1$", tags[0]);
    }

    [SkippableFact]
    public async Task A_shallow_clone_is_refused_with_the_fix()
    {
        SkipUnlessAvailable();
        using var repository = TempGitRepository.Create();
        repository.Commit("first");
        repository.Git("tag", "1.2.3");
        repository.Commit("second");
        using var clone = repository.ShallowClone();

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => Compute(clone));

        Assert.Contains("shallow clone", error.Message, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("GIT_DEPTH: 0", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_detached_head_without_branch_information_is_refused_with_the_fix()
    {
        SkipUnlessAvailable();
        using var repository = DetachedHeadOfADeletedBranch();

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => Compute(repository));

        Assert.Contains("detached", error.Message, StringComparison.Ordinal);
        Assert.Contains("Git_Branch", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Git_Branch_names_a_detached_head()
    {
        SkipUnlessAvailable();
        using var repository = DetachedHeadOfADeletedBranch();

        var version = await Compute(repository, (GitCheckout.BranchVariable, "feature/rescued"));

        Assert.Equal("feature/rescued", version.BranchName);
        Assert.True(version.IsPrerelease);
    }

    [SkippableFact]
    public async Task Computes_the_version_once_per_run()
    {
        SkipUnlessAvailable();
        using var repository = TempGitRepository.Create();
        repository.Commit("first");
        repository.Git("tag", "2.0.0");
        var build = new VersionedBuild(repository.Path);
        var calls = 0;

        var first = VersionCache.Versions.Get(build, () => { calls++; return Compute(repository); });
        var second = VersionCache.Versions.Get(build, () => { calls++; throw new InvalidOperationException("computed twice"); });
        var anotherRun = VersionCache.Versions.Get(new VersionedBuild(repository.Path), () => { calls++; return Compute(repository); });

        Assert.Same(first, second);
        Assert.NotSame(first, anotherRun);
        Assert.Equal(2, calls);
        Assert.Equal("2.0.0", (await first).SemVer);
        Assert.Equal("2.0.0", (await anotherRun).SemVer);
    }

    private sealed class VersionedBuild(string root) : IVersioning
    {
        public Slipway.IO.AbsolutePath RootDirectory => Slipway.IO.AbsolutePath.Create(root);
        public Host Host => throw new NotSupportedException();
        public RunContext Context { get; } = new(Host.Detect(new Dictionary<string, string>(), true), TextWriter.Null, Serilog.Events.LogEventLevel.Information);
        public T? TryGetValue<T>(System.Linq.Expressions.Expression<Func<T>> parameter) => default;
        public void ReportSummary(string note) { }
    }

    /// <summary>A repository whose HEAD is detached on a commit no branch holds any more (as CI checkouts of a ref do).</summary>
    private static TempGitRepository DetachedHeadOfADeletedBranch()
    {
        var repository = TempGitRepository.Create();
        repository.Commit("first");
        repository.Git("switch", "-q", "-c", "topic");
        repository.Commit("on topic");
        repository.Git("switch", "-q", "--detach");
        repository.Git("branch", "-q", "-D", "topic");
        return repository;
    }
}
