using Slipway.Components.Registry;
using Slipway.Components.Versioning;

namespace Slipway.Components.Tests.Registry;

public class TagSetTests
{
    private const string Sha = "0123abc4567def0123abc4567def0123abc4567d";

    internal static BuildVersion Version(int major, int minor, int patch, string preReleaseTag = "", string? buildMetaData = null, string? sha = Sha)
    {
        var semVer = $"{major}.{minor}.{patch}" + (preReleaseTag.Length > 0 ? "-" + preReleaseTag : "");
        return new BuildVersion
        {
            Major = major,
            Minor = minor,
            Patch = patch,
            PreReleaseTag = preReleaseTag,
            SemVer = semVer,
            FullSemVer = semVer + (buildMetaData is null ? "" : "+" + buildMetaData),
            Sha = sha,
            ShortSha = sha?[..7],
        };
    }

    private static string[] Tags(BuildVersion version) => [.. TagSet.For(version).Select(t => t.Value)];

    [Fact]
    public void Stable_version_gets_exact_minor_major_and_commit_tags() =>
        Assert.Equal(["1.2.3", "1.2", "1", "sha-0123abc"], Tags(Version(1, 2, 3)));

    [Fact]
    public void Zero_major_version_gets_no_bare_zero_tag() =>
        Assert.Equal(["0.4.1", "0.4", "sha-0123abc"], Tags(Version(0, 4, 1)));

    [Fact]
    public void Prerelease_gets_only_its_full_semver_and_commit_tags() =>
        Assert.Equal(["1.3.0-feature-login.4-2", "sha-0123abc"], Tags(Version(1, 3, 0, "feature-login.4", buildMetaData: "2")));

    [Fact]
    public void Untagged_commit_on_main_is_a_prerelease_and_moves_no_floating_tag()
    {
        var tags = Tags(Version(1, 2, 4, "1"));
        Assert.Equal(["1.2.4-1", "sha-0123abc"], tags);
        Assert.DoesNotContain("1.2", tags);
        Assert.DoesNotContain("1", tags);
    }

    [Theory]
    [InlineData("feature/Add+Thing.1", "1.0.0-feature-add-thing.1")]
    [InlineData("PR/42/Merge", "1.0.0-pr-42-merge")]
    [InlineData("fix/über-straße", "1.0.0-fix-ber-stra-e")]
    [InlineData("JIRA-123_Fix", "1.0.0-jira-123_fix")]
    public void Branch_names_become_valid_lower_case_tags(string label, string expected)
    {
        var tags = Tags(Version(1, 0, 0, label));
        Assert.Equal(expected, tags[0]);
        Assert.All(tags, t => Assert.Null(ImageTag.Problem(t)));
    }

    [Fact]
    public void A_200_character_branch_name_is_cut_to_128_characters()
    {
        var tag = Tags(Version(2, 0, 0, new string('a', 200) + ".1"))[0];
        Assert.Equal(ImageTag.MaxLength, tag.Length);
        Assert.StartsWith("2.0.0-aaaa", tag, StringComparison.Ordinal);
        Assert.Null(ImageTag.Problem(tag));
    }

    [Fact]
    public void Without_a_commit_there_is_no_sha_tag() =>
        Assert.Equal(["1.2.3", "1.2", "1"], Tags(Version(1, 2, 3, sha: null)));

    [Fact]
    public void Validate_refuses_an_empty_list() =>
        Assert.Contains("no tags", Assert.Throws<BuildFailedException>(() => TagSet.Validate([])).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_refuses_duplicate_tags_added_by_a_hook()
    {
        var error = Assert.Throws<BuildFailedException>(() => TagSet.Validate([new ImageTag("1.2.3"), new ImageTag("1.2.3")]));
        Assert.Contains("duplicate tags: 1.2.3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_refuses_a_null_tag_added_by_a_hook() =>
        Assert.Throws<BuildFailedException>(() => TagSet.Validate([new ImageTag("1.2.3"), null!]));

    [Fact]
    public void Generated_versions_and_branch_names_never_yield_latest_or_an_invalid_tag()
    {
        var random = new Random(20261128);
        const string alphabet = "abcXYZ019/+-_.@ #äé漢😀LATESTlatest";
        for (var i = 0; i < 2000; i++)
        {
            var label = new string([.. Enumerable.Range(0, random.Next(0, 220)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (random.Next(10) == 0) label = random.Next(2) == 0 ? "latest" : "LATEST";
            var version = Version(random.Next(0, 3), random.Next(0, 20), random.Next(0, 100), random.Next(3) == 0 ? "" : label,
                random.Next(2) == 0 ? null : random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture));

            IReadOnlyList<ImageTag> tags;
            try
            {
                tags = TagSet.Validate(TagSet.For(version));
            }
            catch (BuildFailedException)
            {
                continue; // a label that leaves nothing would be refused, never pushed
            }
            Assert.All(tags, t =>
            {
                Assert.NotEqual("latest", t.Value, StringComparer.OrdinalIgnoreCase);
                Assert.Matches("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", t.Value);
            });
            if (version.IsPrerelease) Assert.Equal(2, tags.Count);
        }
    }
}
