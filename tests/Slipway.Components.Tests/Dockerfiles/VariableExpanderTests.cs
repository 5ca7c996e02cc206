using Slipway.Components.Dockerfiles;

namespace Slipway.Components.Tests.Dockerfiles;

public class VariableExpanderTests
{
    private static readonly Dictionary<string, string?> Vars = new() { ["A"] = "a", ["EMPTY"] = "" };

    private static (string Text, bool Unresolved) Expand(string text, char escape = '\\')
    {
        var result = VariableExpander.Expand(text, n => Vars.TryGetValue(n, out var v) ? v : null, escape, out var unresolved);
        return (result, unresolved);
    }

    [Theory]
    [InlineData("$A/x", "a/x")]
    [InlineData("${A}x", "ax")]
    [InlineData("${MISSING:-d}", "d")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${MISSING-d}", "d")]
    [InlineData("${A:+alt}", "alt")]
    [InlineData("${MISSING:+alt}", "")]
    [InlineData("${MISSING:-${A}-x}", "a-x")]
    [InlineData("\\$A", "$A")]
    [InlineData("cost $5", "cost $5")]
    public void Substitutes_like_docker(string text, string expected) =>
        Assert.Equal((expected, false), Expand(text));

    [Fact]
    public void Flags_a_variable_without_value()
    {
        Assert.Equal(("img:", true), Expand("img:$MISSING"));
        Assert.True(Expand("${MISSING}").Unresolved);
        Assert.True(Expand("${MISSING:-$ALSO_MISSING}").Unresolved);
    }

    [Fact]
    public void Uses_the_dockerfile_escape_character()
    {
        Assert.Equal(("$A", false), Expand("`$A", '`'));
        Assert.Equal(("\\a", false), Expand("\\$A", '`'));
    }
}
