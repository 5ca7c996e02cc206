using Slipway.Targets;

namespace Slipway.Execution;

/// <summary>How a target ended.</summary>
internal enum TargetStatus
{
    NotRun,
    Succeeded,
    Failed,
    Skipped,
}

/// <summary>The outcome of one target in the plan.</summary>
internal sealed class TargetResult(BuildTarget target)
{
    public BuildTarget Target { get; } = target;
    public TargetStatus Status { get; set; } = TargetStatus.NotRun;

    /// <summary>Why it was skipped or not run.</summary>
    public string? Reason { get; set; }

    public TimeSpan Duration { get; set; }
    public Exception? Error { get; set; }
}
