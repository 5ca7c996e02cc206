using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class ImageTagTests
{
    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    public void Rejects_latest_tag(string value) =>
        Assert.Contains("'latest' is refused", Assert.Throws<ArgumentException>(() => new ImageTag(value)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData(".starts-with-dot")]
    [InlineData("has/slash")]
    [InlineData("has+plus")]
    [InlineData("ümlaut")]
    public void Rejects_invalid_tags(string value) => Assert.Throws<ArgumentException>(() => new ImageTag(value));

    [Fact]
    public void Rejects_a_tag_longer_than_128_characters()
    {
        Assert.Throws<ArgumentException>(() => new ImageTag(new string('a', 129)));
        Assert.Equal(128, new ImageTag(new string('a', 128)).Value.Length);
    }

    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("1.2", false)]
    [InlineData("1.2.3-rc.1", false)]
    [InlineData("sha-0123abc", false)]
    public void Knows_an_exact_version_tag(string value, bool exact) => Assert.Equal(exact, new ImageTag(value).IsExactVersion);

    [Fact]
    public void Sanitize_leaves_nothing_for_text_without_tag_characters() => Assert.Null(ImageTag.Sanitize("/+/😀"));
}
