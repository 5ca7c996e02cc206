using Slipway.Common.Tests.Support;
using Slipway.Logging;
using Slipway.Processes;

namespace Slipway.Common.Tests.Execution;

public sealed class RunContextTests
{
    private static readonly object s_key = new();

    [Fact]
    public async Task A_per_run_value_is_created_once_however_many_ask_at_once()
    {
        using var run = new TestRun();
        var created = 0;
        var gate = new TaskCompletionSource();

        // StartNew, not Task.Run: each reader returns the run's task itself, not what it yields.
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() => run.Context.Once(s_key, () =>
        {
            Interlocked.Increment(ref created);
            return gate.Task.ContinueWith(_ => "value", TaskScheduler.Default);
        }), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default)).ToList();
        var tasks = await Task.WhenAll(readers);
        gate.SetResult();

        Assert.Equal(1, created);
        Assert.All(tasks, t => Assert.Same(tasks[0], t));
        Assert.Equal("value", await tasks[0]);
    }

    [Fact]
    public void Each_run_has_its_own_values()
    {
        using var first = new TestRun();
        using var second = new TestRun();

        Assert.Equal("first", first.Context.Once(s_key, () => "first"));
        Assert.Equal("second", second.Context.Once(s_key, () => "second"));
        Assert.Equal("first", first.Context.Once(s_key, () => "again"));
    }

    [Fact]
    public void One_key_for_two_types_of_value_is_a_clear_error()
    {
        using var run = new TestRun();
        run.Context.Once(s_key, () => "text");

        var error = Assert.Throws<InvalidOperationException>(() => run.Context.Once(s_key, () => new List<int>()));
        Assert.Contains("is a String, not a List`1: use one key per value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_a_run_nothing_is_masked_kept_or_cancelled()
    {
        SecretMasker.Register("outside-secret");

        Assert.Equal("outside-secret", SecretMasker.Apply("outside-secret"));
        Assert.False(BuildCancellation.Token.CanBeCanceled);
        using var run = new TestRun();
        Assert.Equal("outside-secret", SecretMasker.Apply("outside-secret"));
        Assert.True(BuildCancellation.Token.CanBeCanceled);
    }
}
