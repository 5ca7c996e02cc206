namespace Slipway.Execution;

/// <summary>
/// A build as the engine runs it: created with <c>new()</c>, then handed the session of its run. <see cref="SlipwayBuild"/>
/// implements it, so the engine needs no more of the entry point than this.
/// </summary>
internal interface IEngineBuild : ISlipwayBuild
{
    /// <summary>The state of the run, set once before any target is discovered.</summary>
    BuildSession Session { set; }
}
