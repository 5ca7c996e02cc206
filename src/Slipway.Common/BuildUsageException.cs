namespace Slipway;

/// <summary>The command line or the build's definition is wrong; printed without a stack trace, exit code 2.</summary>
internal sealed class BuildUsageException(string message) : Exception(message);
