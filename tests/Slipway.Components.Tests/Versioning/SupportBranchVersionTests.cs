using Slipway.Components.Registry;
using Slipway.Components.Tests.Infrastructure;
using Slipway.Components.Versioning;

namespace Slipway.Components.Tests.Versioning;

/// <summary>
/// The template's <c>GitVersion.yml</c> (src/Slipway.Templates/content/slipway) run by GitVersion 6.8.2 on real repositories:
/// hotfixes released from <c>support/*</c>, releases from <c>release/*</c>, main and feature branches as before.
/// </summary>
public class SupportBranchVersionTests
{
    private static string TemplateConfiguration =>
        RepositoryPaths.Root / "src" / "Slipway.Templates" / "content" / "slipway" / "GitVersion.yml";

    private static Task<BuildVersion> Compute(TempGitRepository repository, params (string, string)[] environment) =>
        GitVersionRunner.ComputeAsync(repository.Path, GitVersionIntegrationTests.LocalEnvironment(environment), _ => null);

    [SkippableFact]
    public async Task Tagged_commit_on_a_support_branch_is_released_as_its_tag()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = Hotfix();

        var version = await Compute(repository);

        Assert.Equal("1.1.9", version.SemVer);
        Assert.False(version.IsPrerelease);
        Assert.Equal("support/1.1", version.BranchName);
        Assert.Equal(["1.1.9", "1.1"], TagSet.For(version).Select(t => t.Value).Take(2));
    }

    [SkippableFact]
    public async Task Untagged_commit_on_a_support_branch_is_a_prerelease_of_its_line_named_after_the_branch()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = Hotfix();
        repository.Commit("next fix");

        var version = await Compute(repository);

        Assert.True(version.IsPrerelease);
        Assert.Equal((1, 1, 10), (version.Major, version.Minor, version.Patch));
        Assert.StartsWith("1.1.10-support-1-1.", version.SemVer, StringComparison.Ordinal);
        Assert.DoesNotContain(TagSet.For(version), t => t.Value is "1.1" or "1" or "1.1.10");
    }

    [SkippableFact]
    public async Task Fix_on_a_support_branch_before_its_tag_is_a_prerelease_of_the_coming_hotfix()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = Hotfix(tagTheFix: false);

        var version = await Compute(repository);

        Assert.True(version.IsPrerelease);
        Assert.StartsWith("1.1.9-support-1-1.", version.SemVer, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Tagged_commit_on_a_release_branch_is_released_as_its_tag()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = ReleaseBranch();
        repository.Git("tag", "v2.0.0");

        var version = await Compute(repository);

        Assert.Equal("2.0.0", version.SemVer);
        Assert.False(version.IsPrerelease);
        Assert.Equal("release/2.0", version.BranchName);
    }

    [SkippableFact]
    public async Task Untagged_commit_on_a_release_branch_is_a_prerelease_named_after_the_branch()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = ReleaseBranch();

        var version = await Compute(repository);

        Assert.True(version.IsPrerelease);
        Assert.Equal("release-2-0", version.PreReleaseLabel);
        Assert.Matches("-release-2-0\\.1-2$", TagSet.For(version)[0].Value);
        Assert.DoesNotContain(TagSet.For(version), t => t.Value is "2.0" or "2" or "2.0.0");
    }

    [SkippableFact]
    public async Task Tagged_hotfix_checked_out_detached_with_Git_Branch_is_released_as_its_tag()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = Hotfix();
        repository.Git("checkout", "-q", "--detach");
        repository.Git("branch", "-q", "-D", "support/1.1");

        var version = await Compute(repository, (GitCheckout.BranchVariable, "support/1.1"));

        Assert.Equal("1.1.9", version.SemVer);
        Assert.Equal("support/1.1", version.BranchName);
    }

    [SkippableFact]
    public async Task Tagged_hotfix_in_a_GitLab_branch_pipeline_is_released_as_its_tag()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var origin = Hotfix();
        using var clone = RunnerClone(origin, origin.Git("rev-parse", "HEAD"));

        var version = await Compute(clone, ("GITLAB_CI", "true"), ("CI_COMMIT_REF_NAME", "support/1.1"));

        Assert.Equal("1.1.9", version.SemVer);
        Assert.Equal("support/1.1", version.BranchName);
    }

    [SkippableFact]
    public async Task Tag_pipeline_for_a_hotfix_behind_its_branch_tip_is_released_as_its_tag()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var origin = Hotfix();
        var tagged = origin.Git("rev-parse", "HEAD");
        origin.Commit("next fix");
        using var clone = RunnerClone(origin, tagged);

        var version = await Compute(clone, ("GITLAB_CI", "true"), ("CI_COMMIT_REF_NAME", "v1.1.9"), ("CI_COMMIT_TAG", "v1.1.9"));

        Assert.Equal("1.1.9", version.SemVer);
        Assert.False(version.IsPrerelease);
    }

    [SkippableFact]
    public async Task Main_releases_its_tag_and_builds_prereleases_after_it_beside_a_support_branch()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = Hotfix();
        repository.Git("switch", "-q", "main");
        repository.Commit("1.3 feature");
        repository.Git("tag", "v1.3.0");

        var tagged = await Compute(repository);
        repository.Commit("after 1.3.0");
        var after = await Compute(repository);

        Assert.Equal("1.3.0", tagged.SemVer);
        Assert.False(tagged.IsPrerelease);
        Assert.True(after.IsPrerelease);
        Assert.StartsWith("1.3.1-", after.SemVer, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Feature_branch_is_a_prerelease_named_after_the_branch()
    {
        GitVersionIntegrationTests.SkipUnlessAvailable();
        using var repository = WithTemplateConfiguration();
        repository.Commit("first");
        repository.Git("tag", "v1.4.2");
        repository.Git("switch", "-q", "-c", "feature/Login-Page");
        repository.Commit("Login page");

        var version = await Compute(repository);

        Assert.True(version.IsPrerelease);
        Assert.Equal("feature/Login-Page", version.BranchName);
        Assert.Matches("^1\\.4\\.3-login-page\\.", TagSet.For(version)[0].Value);
    }

    /// <summary>An empty repository on main whose first commit will carry the template's GitVersion.yml.</summary>
    private static TempGitRepository WithTemplateConfiguration()
    {
        var repository = TempGitRepository.Create();
        File.Copy(TemplateConfiguration, Path.Combine(repository.Path, "GitVersion.yml"));
        repository.Git("add", "GitVersion.yml");
        return repository;
    }

    /// <summary>
    /// main: v1.1.8, then v1.2.4; <c>support/1.1</c> branched from the v1.1.8 tag with a fix (tagged v1.1.9 unless told),
    /// checked out.
    /// </summary>
    private static TempGitRepository Hotfix(bool tagTheFix = true)
    {
        var repository = WithTemplateConfiguration();
        repository.Commit("1.1.8");
        repository.Git("tag", "v1.1.8");
        repository.Commit("1.2 feature");
        repository.Commit("1.2.4");
        repository.Git("tag", "v1.2.4");
        repository.Git("switch", "-q", "-c", "support/1.1", "v1.1.8");
        repository.Commit("hotfix");
        if (tagTheFix) repository.Git("tag", "v1.1.9");
        return repository;
    }

    /// <summary>main: v1.2.4 and one commit; <c>release/2.0</c> branched from it with one commit, checked out.</summary>
    private static TempGitRepository ReleaseBranch()
    {
        var repository = WithTemplateConfiguration();
        repository.Commit("1.2.4");
        repository.Git("tag", "v1.2.4");
        repository.Commit("2.0 feature");
        repository.Git("switch", "-q", "-c", "release/2.0");
        repository.Commit("2.0 stabilisation");
        return repository;
    }

    /// <summary>A checkout as the GitLab runner makes it: remote branches and tags fetched, no local branch, HEAD detached.</summary>
    private static TempGitRepository RunnerClone(TempGitRepository origin, string commit)
    {
        var clone = TempGitRepository.Create();
        clone.Git("remote", "add", "origin", new Uri(origin.Path).AbsoluteUri);
        clone.Git("fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");
        clone.Git("checkout", "-q", "--detach", commit);
        return clone;
    }
}
