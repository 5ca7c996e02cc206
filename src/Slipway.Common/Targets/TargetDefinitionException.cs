namespace Slipway.Targets;

/// <summary>The build's targets are defined wrongly (duplicate names, cycles, unknown references).</summary>
internal sealed class TargetDefinitionException(string message) : Exception(message);
