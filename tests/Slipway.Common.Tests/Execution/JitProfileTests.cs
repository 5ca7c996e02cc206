using Slipway.Execution;

namespace Slipway.Common.Tests.Execution;

public sealed class JitProfileTests
{
    [Theory]
    [InlineData(new string[0], "jit.default.profile")]
    [InlineData(new[] { "--help" }, "jit.default+--help.profile")]
    [InlineData(new[] { "-h" }, "jit.default+--help.profile")]
    [InlineData(new[] { "Publish" }, "jit.publish.profile")]
    [InlineData(new[] { "publish", "--registry", "localhost:5000/acme" }, "jit.publish.profile")]
    [InlineData(new[] { "DockerLint", "DockerBuild", "TrivyScan", "--skip" }, "jit.dockerlint+dockerbuild+trivyscan.profile")]
    [InlineData(new[] { "Publish", "--plan" }, "jit.publish+--plan.profile")]
    [InlineData(new[] { "../Pub lish" }, "jit.___pub_lish.profile")]
    public void One_profile_per_command_named_after_its_targets(string[] arguments, string expected) =>
        Assert.Equal(expected, JitProfile.NameFor(arguments));

    [Fact]
    public void A_long_command_line_gives_a_name_a_file_system_takes()
    {
        var name = JitProfile.NameFor([.. Enumerable.Repeat("AVeryLongTargetName", 20)]);
        Assert.True(name.Length <= 108, name);
        Assert.EndsWith(".profile", name, StringComparison.Ordinal);
    }
}
