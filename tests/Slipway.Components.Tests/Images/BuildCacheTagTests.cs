using Slipway.Components.Images;

namespace Slipway.Components.Tests.Images;

public class BuildCacheTagTests
{
    [Theory]
    [InlineData("main", "buildcache-main")]
    [InlineData("feature/Login-Page", "buildcache-feature-login-page")]
    [InlineData("refs/heads/release/1.2", "buildcache-release-1.2")]
    [InlineData("dependabot/nuget/Serilog-4.4.0", "buildcache-dependabot-nuget-serilog-4.4.0")]
    [InlineData("fix//double__slash", "buildcache-fix-double__slash")]
    [InlineData("-leading.dot.", "buildcache-leading.dot")]
    [InlineData("émoji 🚀 branch", "buildcache-moji-branch")]
    public void Branch_becomes_a_valid_cache_tag(string branch, string tag) =>
        Assert.Equal(tag, BuildCacheTag.ForBranch(branch));

    [Fact]
    public void Long_branch_is_cut_to_128_characters_and_keeps_a_hash_of_the_whole_name()
    {
        var a = BuildCacheTag.ForBranch("feature/" + new string('a', 200) + "-one");
        var b = BuildCacheTag.ForBranch("feature/" + new string('a', 200) + "-two");

        Assert.Equal(128, a.Length);
        Assert.Matches("^[a-z0-9_][a-z0-9_.-]{0,127}$", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Branch_without_usable_characters_is_rejected() =>
        Assert.Throws<ArgumentException>(() => BuildCacheTag.ForBranch("///"));
}
