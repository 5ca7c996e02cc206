using System.Linq.Expressions;
using System.Reflection;
using Slipway.Execution;

namespace Slipway.Common.Tests.Execution;

public sealed class ExpressionValueTests
{
    private sealed class Settings
    {
        public string? Registry { get; init; } = "ghcr.io/acme";
        public bool Local => true;
        public string Failing => throw new BuildFailedException("no registry given");
    }

    private readonly Settings _settings = new();

    [Fact]
    public void A_member_of_the_build_or_a_closure_is_read_as_it_is()
    {
        var local = "closure";

        Assert.Equal("ghcr.io/acme", ExpressionValue.Of((Expression<Func<string?>>)(() => _settings.Registry)));
        Assert.Equal("closure", ExpressionValue.Of((Expression<Func<string>>)(() => local)));
        Assert.Equal(7, ExpressionValue.Of((Expression<Func<object>>)(() => local.Length)));
    }

    [Fact]
    public void Any_other_expression_is_evaluated_whole()
    {
        var n = 2;

        Assert.Equal(3, ExpressionValue.Of((Expression<Func<int>>)(() => n + 1)));
        Assert.True(ExpressionValue.IsTrue(() => _settings.Local && n == 2));
        Assert.False(ExpressionValue.IsTrue(() => !_settings.Local));
    }

    [Fact]
    public void A_member_that_throws_arrives_wrapped_and_a_condition_that_throws_as_it_was_thrown()
    {
        var wrapped = Assert.Throws<TargetInvocationException>(() =>
            ExpressionValue.Of((Expression<Func<string>>)(() => _settings.Failing)));
        Assert.IsType<BuildFailedException>(wrapped.InnerException);
        Assert.Throws<BuildFailedException>(() => ExpressionValue.IsTrue(() => _settings.Failing.Length > 0));
    }
}
