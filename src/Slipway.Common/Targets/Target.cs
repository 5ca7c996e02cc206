namespace Slipway;

/// <summary>A build target: a member of the build (or of a component interface) that configures its definition.</summary>
/// <example><c>Target Compile => _ => _.DependsOn(Restore).Executes(() => ...);</c></example>
public delegate ITargetDefinition Target(ITargetDefinition _);
