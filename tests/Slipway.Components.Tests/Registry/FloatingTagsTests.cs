using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class FloatingTagsTests
{
    private const string Commit = "sha-0123abc";
    private const string Signature = "sha256-0f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a6978.sig";

    /// <summary>The tags <see cref="TagSet"/> gives a stable release, e.g. 1.1.9, 1.1, 1, sha-0123abc.</summary>
    private static IReadOnlyList<ImageTag> ReleaseTags(int major, int minor, int patch) => TagSet.For(TagSetTests.Version(major, minor, patch));

    private static FloatingTagDecision Decide(string release, params string[] registry)
    {
        var parts = release.Split('.').Select(int.Parse).ToArray();
        return FloatingTags.Decide(ReleaseTags(parts[0], parts[1], parts[2]), release, registry, listingProblem: null);
    }

    private static string[] Values(IEnumerable<ImageTag> tags) => [.. tags.Select(t => t.Value)];

    [Fact]
    public void A_hotfix_moves_its_minor_tag_and_leaves_the_major_on_the_newer_minor_line()
    {
        var decision = Decide("1.1.9", "1.1.8", "1.2.4", "1.1", "1.2", "1", "sha-aaaaaaa");

        Assert.Equal(["1.1.9", "1.1", Commit], Values(decision.Push));
        Assert.Equal(["1.1"], Values(decision.Moved));
        var kept = Assert.Single(decision.Kept);
        Assert.Equal("1", kept.Tag.Value);
        Assert.Equal("1.2.4", kept.StaysOn);
        Assert.Equal("1 stays on 1.2.4, the highest 1.x release; 1.1.9 is a hotfix of the older 1.1 line", kept.Reason);
        Assert.Equal("moved 1.1 to 1.1.9; kept 1 on 1.2.4 (a newer 1.x release exists)", decision.Summary);
        Assert.Null(decision.Warning);
    }

    [Fact]
    public void A_new_highest_release_moves_both_floating_tags()
    {
        var decision = Decide("1.3.0", "1.1.8", "1.2.4", "0.9.0", "1.2", "1");

        Assert.Equal(["1.3.0", "1.3", "1", Commit], Values(decision.Push));
        Assert.Equal(["1.3", "1"], Values(decision.Moved));
        Assert.Empty(decision.Kept);
        Assert.Equal("moved 1.3 and 1 to 1.3.0", decision.Summary);
    }

    [Fact]
    public void A_rerun_of_the_highest_release_still_moves_both_floating_tags()
    {
        var decision = Decide("1.2.4", "1.1.8", "1.2.4", "1.2", "1");

        Assert.Equal(["1.2.4", "1.2", "1", Commit], Values(decision.Push));
        Assert.Empty(decision.Kept);
    }

    [Fact]
    public void A_rerun_of_an_older_release_keeps_both_floating_tags()
    {
        var decision = Decide("1.1.8", "1.1.8", "1.1.9", "1.2.4");

        Assert.Equal(["1.1.8", Commit], Values(decision.Push));
        Assert.Empty(decision.Moved);
        Assert.Equal(["1.1", "1"], Values(decision.Kept.Select(k => k.Tag)));
        Assert.Equal(["1.1.9", "1.2.4"], decision.Kept.Select(k => k.StaysOn));
        Assert.Equal("1.1 stays on 1.1.9, the highest 1.1.x release; 1.1.8 is older", decision.Kept[0].Reason);
        Assert.Equal("kept 1.1 on 1.1.9 (a newer 1.1.x release exists); kept 1 on 1.2.4 (a newer 1.x release exists)", decision.Summary);
    }

    [Fact]
    public void Prereleases_in_the_registry_never_block_a_floating_tag()
    {
        var decision = Decide("1.2.5", "1.2.4", "1.3.0-alpha.1", "1.2.6-rc.1", "2.0.0-beta");

        Assert.Equal(["1.2.5", "1.2", "1", Commit], Values(decision.Push));
        Assert.Empty(decision.Kept);
        Assert.Equal("ignored 3 tags that are not release versions: 1.3.0-alpha.1, 1.2.6-rc.1, 2.0.0-beta", decision.IgnoredNote);
    }

    [Fact]
    public void Tags_that_are_not_release_versions_are_ignored_and_noted_briefly()
    {
        // cosign's signature tag names a digest's evidence: skipped without a word.
        var decision = Decide("1.2.4", Signature, "stable", "buildcache-main", "sha-abc1234", "1.2", "1", "v1.9.9", "01.9.9", "1.9", "1.1.0");

        Assert.Equal(["1.2.4", "1.2", "1", Commit], Values(decision.Push));
        Assert.Equal("ignored 8 tags that are not release versions: stable, buildcache-main, sha-abc1234 and 5 more", decision.IgnoredNote);
    }

    [Fact]
    public void One_ignored_tag_is_named_alone()
    {
        var decision = Decide("1.2.4", "1.2.3", "stable");
        Assert.Equal("ignored 1 tag that is not a release version: stable", decision.IgnoredNote);
    }

    [Fact]
    public void Only_release_tags_in_the_registry_leave_no_note()
    {
        var decision = Decide("1.2.4", "1.2.3", "1.1.0");
        Assert.Null(decision.IgnoredNote);
    }

    [Fact]
    public void An_empty_repository_moves_the_floating_tags()
    {
        var decision = Decide("1.0.0");

        Assert.Equal(["1.0.0", "1.0", "1", Commit], Values(decision.Push));
        Assert.Null(decision.IgnoredNote);
        Assert.Null(decision.Warning);
    }

    [Fact]
    public void A_refused_listing_leaves_the_floating_tags_unmoved_with_a_warning()
    {
        var decision = FloatingTags.Decide(ReleaseTags(1, 1, 9), "1.1.9", registryTags: null, "ghcr.io refused access to /v2/acme/orders/tags/list (403 Forbidden)");

        Assert.Equal(["1.1.9", Commit], Values(decision.Push));
        Assert.Empty(decision.Moved);
        Assert.Equal(["1.1", "1"], Values(decision.Kept.Select(k => k.Tag)));
        Assert.All(decision.Kept, k => Assert.Null(k.StaysOn));
        Assert.NotNull(decision.Warning);
        Assert.Contains("1.1 and 1 were not moved to 1.1.9", decision.Warning, StringComparison.Ordinal);
        Assert.Contains("403 Forbidden", decision.Warning, StringComparison.Ordinal);
        Assert.Equal("left 1.1 and 1 unmoved (the registry's tags could not be listed)", decision.Summary);
    }

    [Fact]
    public void Zero_major_releases_have_only_a_minor_floating_tag()
    {
        var moves = Decide("0.4.1", "0.4.0", "0.5.2", "0.4");
        Assert.Equal(["0.4.1", "0.4", Commit], Values(moves.Push));
        Assert.Equal(["0.4"], Values(moves.Moved));

        var keeps = Decide("0.4.1", "0.4.3", "0.5.2");
        Assert.Equal(["0.4.1", Commit], Values(keeps.Push));
        Assert.Equal("0.4.3", Assert.Single(keeps.Kept).StaysOn);
    }

    [Theory]
    [InlineData("1.10.0", "1.9.9", "1.10,1")]
    [InlineData("1.9.9", "1.10.0", "1.9")]
    [InlineData("1.0.10", "1.0.9", "1.0,1")]
    [InlineData("10.0.0", "9.9.9", "10.0,10")]
    [InlineData("9.9.10", "10.0.0", "9.9,9")]
    [InlineData("2.0.0", "10.0.0", "2.0,2")]
    public void Versions_are_ordered_by_number_not_by_text(string release, string inRegistry, string moved)
    {
        var decision = Decide(release, inRegistry);
        Assert.Equal(moved.Split(','), Values(decision.Moved));
    }

    [Fact]
    public void Tags_other_than_the_floating_ones_are_always_pushed()
    {
        var tags = ReleaseTags(1, 1, 9).Append(new ImageTag("edge")).Append(new ImageTag("2")).ToList();

        var decision = FloatingTags.Decide(tags, "1.1.9", ["1.2.4", "2.5.0"], null);

        Assert.Equal(["1.1.9", "1.1", Commit, "edge", "2"], Values(decision.Push));
    }

    [Fact]
    public void A_prerelease_build_keeps_its_tags_unchanged()
    {
        var tags = TagSet.For(TagSetTests.Version(1, 3, 0, "feature-login.4"));

        var decision = FloatingTags.Decide(tags, "1.3.0-feature-login.4", registryTags: null, "unreachable");

        Assert.Equal(Values(tags), Values(decision.Push));
        Assert.Empty(decision.Kept);
        Assert.Null(decision.Warning);
        Assert.Equal("no floating tags to move", decision.Summary);
    }

    [Fact]
    public void A_release_version_that_is_not_semver_is_refused() =>
        Assert.Throws<ArgumentException>(() => FloatingTags.Decide(ReleaseTags(1, 2, 3), "v1.2", [], null));
}
