using System.Diagnostics;
using System.Linq.Expressions;
using Serilog;
using Serilog.Events;
using Slipway.Hosts;
using Slipway.Logging;
using Slipway.Processes;
using Slipway.Targets;

namespace Slipway.Execution;

/// <summary>
/// Runs a plan, one target at a time or, with <c>--parallel</c>, every target whose predecessors are done.
/// A failure stops the targets after it, except <c>AssuredAfterFailure</c> ones; a <c>ProceedAfterFailure</c>
/// target's failure only stops the targets that depend on it.
/// </summary>
internal sealed class Executor(ExecutionPlan plan, Host host, RunContext run, int parallelism)
{
    private readonly Dictionary<BuildTarget, TargetResult> _results = plan.Order.ToDictionary(t => t, t => new TargetResult(t));
    private readonly Lock _gate = new();
    private readonly Dictionary<BuildTarget, DeferredLog> _preparationLogs = [];
    private bool _stopped;

    public IReadOnlyList<TargetResult> Results => [.. plan.Order.Select(t => _results[t])];

    public async Task RunAsync()
    {
        // Static conditions were evaluated with the plan (Planner.SkipByStaticConditions): their skips are in plan.Skipped.
        foreach (var (target, reason) in plan.Skipped) Skip(target, reason);
        foreach (var target in plan.Order.Where(t => _results[t].Status == TargetStatus.NotRun && t.Definition.Preparations.Count > 0))
            StartPreparations(target);
        try
        {
            await RunTargetsAsync();
        }
        finally
        {
            // Preparations of targets that did not run: their warnings and errors still reach the log.
            foreach (var log in _preparationLogs.Values) log.Release(Write, LogEventLevel.Warning);
        }
    }

    private async Task RunTargetsAsync()
    {
        if (parallelism == 1)
        {
            // One at a time, on this thread: no scheduling hops between targets.
            foreach (var target in plan.Order.Where(t => _results[t].Status == TargetStatus.NotRun))
                await RunTargetAsync(target);
            return;
        }

        run.Sink.PrefixWithTarget = true;
        var pending = plan.Order.Where(t => _results[t].Status == TargetStatus.NotRun).ToList();
        var done = new HashSet<BuildTarget>(plan.Order.Except(pending));
        var running = new Dictionary<Task, BuildTarget>();
        while (pending.Count > 0 || running.Count > 0)
        {
            foreach (var target in pending.Where(t => plan.Predecessors(t).All(done.Contains)).Take(parallelism - running.Count).ToList())
            {
                pending.Remove(target);
                running[Task.Run(() => RunTargetAsync(target))] = target;
            }
            if (running.Count == 0) break; // nothing ready: cannot happen with a sorted plan, but never spin
            var finished = await Task.WhenAny(running.Keys);
            done.Add(running[finished]);
            running.Remove(finished);
        }
        run.Sink.PrefixWithTarget = false;
    }

    private async Task RunTargetAsync(BuildTarget target)
    {
        var result = _results[target];
        var d = target.Definition;
        var blocker = target.Dependencies.FirstOrDefault(p => _results[p].Status is TargetStatus.Failed or TargetStatus.NotRun);
        if (blocker is not null && !d.IsAssuredAfterFailure)
        {
            result.Reason = $"{blocker.Name} {(_results[blocker].Status == TargetStatus.Failed ? "failed" : "did not run")}";
            return;
        }
        lock (_gate)
        {
            if (_stopped && !d.IsAssuredAfterFailure)
            {
                result.Reason = run.Cancellation.IsCancellationRequested ? "cancelled" : "an earlier target failed";
                return;
            }
        }
        if (FirstFalse(d.DynamicConditions) is { } condition)
        {
            Skip(target, "condition false: " + condition);
            return;
        }

        TargetContext.Current = target.Name;
        var sectionId = "slipway_" + target.Name.ToLowerInvariant();
        var grouped = parallelism == 1;
        if (grouped) BuildLog.Raw(host.BeginSection(target.Name, sectionId) ?? Header(target.Name));
        if (_preparationLogs.TryGetValue(target, out var prepared)) prepared.Release(Write);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var action in d.Actions)
            {
                run.Cancellation.ThrowIfCancellationRequested();
                await action();
            }
            result.Status = TargetStatus.Succeeded;
        }
        catch (Exception ex)
        {
            var error = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
            result.Status = TargetStatus.Failed;
            result.Error = error;
            if (error is BuildFailedException) Log.Error("Target {Target} failed: {Message}", target.Name, error.Message);
            else Log.Error(error, "Target {Target} failed with {Type}: {Message}", target.Name, error.GetType().Name, error.Message);
            lock (_gate)
            {
                if (!d.IsProceedAfterFailure || run.Cancellation.IsCancellationRequested) _stopped = true;
            }
        }
        finally
        {
            result.Duration = stopwatch.Elapsed;
            if (grouped) BuildLog.Raw(host.EndSection(target.Name, sectionId));
            TargetContext.Current = null;
        }
    }

    // Starts a target's preparations, in plan order, on an async flow of their own: the target's name for notes and log
    // prefixes, and a deferred log written when the target starts. Each runs here until its first await. A failure
    // surfaces where the target awaits the work.
    private void StartPreparations(BuildTarget target)
    {
        var log = new DeferredLog();
        _preparationLogs[target] = log;
        var (name, deferred) = (TargetContext.Current, DeferredLog.Current);
        TargetContext.Current = target.Name;
        DeferredLog.Current = log;
        try
        {
            foreach (var start in target.Definition.Preparations)
            {
                Task started;
                try
                {
                    started = start();
                }
                catch (Exception ex)
                {
                    started = Task.FromException(ex);
                }
                started.ContinueWith(t => Log.Debug("Preparing {Target} failed ({Message}); the target meets the failure when it runs",
                    target.Name, t.Exception?.GetBaseException().Message), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
        finally
        {
            (TargetContext.Current, DeferredLog.Current) = (name, deferred);
        }
    }

    private void Write(LogEvent logEvent) => run.Sink.Write(logEvent);

    private void Skip(BuildTarget target, string reason)
    {
        _results[target].Status = TargetStatus.Skipped;
        _results[target].Reason = reason;
    }

    private static string Header(string name) => $"── {name} " + new string('─', Math.Max(3, 60 - name.Length));

    /// <summary>The text of the first condition that is false, or null when all hold.</summary>
    internal static string? FirstFalse(IEnumerable<Expression<Func<bool>>> conditions)
    {
        foreach (var condition in conditions)
        {
            if (!ExpressionValue.IsTrue(condition)) return ExpressionText.Of(condition);
        }
        return null;
    }
}
